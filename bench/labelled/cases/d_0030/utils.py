from django.utils.http import url_has_allowed_host_and_scheme


def next_is_allowed(request, target):
    return url_has_allowed_host_and_scheme(
        target,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    )
