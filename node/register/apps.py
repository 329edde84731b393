from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "node.register"
    label = "register"
    verbose_name = _("Register")
