from .models import Membership


def team_member_count(team_name):
    return Membership.objects.filter(team__name=team_name, active=True).count()
