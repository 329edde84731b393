"""The node's front page and the staff's login: register staff go straight to their worklist;
everyone else reads what this node is, and finds the public catalogue."""

from __future__ import annotations

from django.contrib.auth import views as auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from common.catalogue.selectors import Search, catalogue_search
from node.exchange.selectors import sync_status
from node.register.models import Staff


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and Staff.objects.filter(user=request.user).exists():
        return redirect("register:worklist")
    context = {"status": sync_status(), "services": list(catalogue_search(Search())[:8])}
    return render(request, "register/home.html", context)


class LoginView(auth.LoginView):
    template_name = "register/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return "/register/"


class LogoutView(auth.LogoutView):
    next_page = "/"
