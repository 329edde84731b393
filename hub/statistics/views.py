"""The ministry's pages at the hub: its login, and its home, where it makes and revokes API
tokens and finds the API. Nothing here is open to anyone outside the ministry role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contracts.indicators import INDICATORS_BY_CODE, period_of
from hub.statistics.access import is_ministry
from hub.statistics.models import MinistryToken
from hub.statistics.services import ministry_token_create, ministry_token_revoke, policy_in_force

View = Callable[..., HttpResponse]


def ministry_required(view: View) -> View:
    """Logged in and in the ministry role; anyone else logged in is refused (403), not sent to
    log in again."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('ministry:login')}?next={request.path}")
        if not is_ministry(request.user):
            return render(request, "ministry/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # ministry_required let only a ministry login through
    return request.user


class LoginView(auth.LoginView):
    template_name = "ministry/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return reverse("ministry:home")


class LogoutView(auth.LogoutView):
    next_page = "ministry:login"


@ministry_required
def home(request: HttpRequest) -> HttpResponse:
    new_token = request.session.pop("ministry_new_token", None)
    context = {
        "tokens": MinistryToken.objects.filter(user=_user(request)),
        "new_token": new_token,
        "indicators": [(d.code, d.names) for d in INDICATORS_BY_CODE.values()],
        "policy": policy_in_force().policy,
        # The examples ask for the year up to the last month that has ended.
        "example_to": period_of(timezone.localdate().replace(day=1) - dt.timedelta(days=1), "month"),
    }
    context["example_from"] = str(context["example_to"])[:4] + "-01"
    return render(request, "ministry/home.html", context)


@require_POST
@ministry_required
def token_create(request: HttpRequest) -> HttpResponse:
    _, token = ministry_token_create(user=_user(request), name=request.POST.get("name", ""))
    # Shown once, on the next page, and never stored.
    request.session["ministry_new_token"] = token
    return redirect("ministry:home")


@require_POST
@ministry_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if ministry_token_revoke(user=_user(request), token_id=token_id):
        messages.success(request, _("The token is revoked: it no longer opens the API."))
    return redirect("ministry:home")
