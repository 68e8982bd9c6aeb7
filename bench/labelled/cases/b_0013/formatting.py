import datetime


def greeting_banner(display_name, locale="en"):
    hour = datetime.datetime.now().hour
    if hour < 12:
        salutation = "Good morning"
    elif hour < 18:
        salutation = "Good afternoon"
    else:
        salutation = "Good evening"
    if locale == "de":
        salutation = "Hallo"
    return '<div class="banner">%s, %s!</div>' % (salutation, display_name)


def wrap_page(inner):
    return "<html><body>" + inner + "</body></html>"
