"""The pages people use: the public portal (no login) and the caseworkers' catalogue search.

Both are the same search over the federated catalogue, localized (``?lang=`` or the browser's
language), served with the app's own assets, and laid out for a phone first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from common.catalogue import hsds
from common.catalogue.apis import search_from_params
from common.catalogue.models import FederatedService
from common.catalogue.selectors import CANDIDATES, catalogue_search, open_now, surroundings
from common.languages import UI_LANGUAGES, place_name
from contracts.errors import InvalidSearchError
from contracts.vocabulary import LANGUAGE_TAGS, TARGET_GROUP_LABELS, TAXONOMY_LABELS

PAGE_SIZE = 20
_TAG_TO_UI = {tag: ui for ui, tag in UI_LANGUAGES.items()}


def member_names() -> dict[str, str]:
    """Node code → municipality name, from the project's directory (``SOCIALHUB_MEMBER_NAMES``)."""
    selector: Callable[[], dict[str, str]] = import_string(settings.SOCIALHUB_MEMBER_NAMES)
    return selector()


@dataclass
class Result:
    row: FederatedService
    lang: str
    municipality: str
    organization: dict[str, Any] | None
    places: list[dict[str, Any]]
    open_now: bool

    def _text(self, field: str) -> str:
        return hsds.text(self.row.data.get(field), self.lang)

    @property
    def name(self) -> str:
        return self._text("name")

    @property
    def description(self) -> str:
        return self._text("description")

    @property
    def application_process(self) -> str:
        return self._text("application_process")

    @property
    def fees(self) -> str:
        return self._text("fees_description")

    @property
    def eligibility(self) -> str:
        return self._text("eligibility_description")

    @property
    def organization_name(self) -> str:
        if self.organization:
            return hsds.text(self.organization.get("name"), self.lang)
        return hsds.text(self.row.data.get("organization", {}).get("name"), self.lang)

    @property
    def target_groups(self) -> list[str]:
        return [
            hsds.text(TARGET_GROUP_LABELS.get(g, {"en": g}), self.lang)
            for g in self.row.data.get("target_groups", ())
        ]

    @property
    def taxonomy(self) -> list[str]:
        return [
            hsds.text(TAXONOMY_LABELS.get(t, {"en": t}), self.lang)
            for t in self.row.data.get("taxonomy_terms", ())
        ]

    @property
    def languages(self) -> list[str]:
        return [hsds.LANGUAGE_NAMES.get(tag, tag) for tag in self.row.data.get("languages", ())]

    @property
    def contact(self) -> dict[str, str]:
        contact: dict[str, str] = self.row.data.get("contact", {})
        return contact

    @property
    def addresses(self) -> list[str]:
        found = []
        own = self.row.data.get("address")
        if own:
            found.append(self._street(own))
        for place in self.places:
            address = place["location"].get("address")
            name = hsds.text(place["location"].get("name"), self.lang)
            found.append(f"{name}: {self._street(address)}" if address else name)
        return found

    def _street(self, address: dict[str, Any]) -> str:
        # Written in the place's own script; a Latin page reads it in Latin letters.
        return place_name(f"{address['address_1']}, {address['city']}", code=self.row.origin, tag=self.lang)


def catalogue_page(request: HttpRequest, *, public: bool) -> HttpResponse:
    requested = request.GET.get("lang", "")
    ui = requested if requested in UI_LANGUAGES else _TAG_TO_UI.get(requested, "")
    with translation.override(ui or translation.get_language() or "en"):
        ui = translation.get_language() or "en"
        ui = ui if ui in UI_LANGUAGES else "en"
        lang = UI_LANGUAGES[ui]
        error = ""
        results: list[Result] = []
        total = 0
        page = max(1, _int(request.GET.get("page", "1")))
        searched = any(
            request.GET.get(k)
            for k in ("q", "origin", "target_group", "taxonomy_term", "language", "open_now")
        )
        # Shown as the reader's script reads them: Бутел is Butel on a Latin page.
        names = {code: place_name(name, code=code, tag=lang) for code, name in member_names().items()}
        try:
            rows = catalogue_search(search_from_params(request.GET))
            total = rows.count()
            chunk = list(rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
            results = _results(chunk, lang=lang, names=names)
        except InvalidSearchError as exc:
            error = exc.message
        context = {
            "public": public,
            "ui": ui,
            "lang": lang,
            "ui_languages": [(code, _LANGUAGE_LABELS[code]) for code in UI_LANGUAGES],
            "q": request.GET.get("q", ""),
            "filters": {
                k: request.GET.get(k, "")
                for k in ("origin", "target_group", "taxonomy_term", "language", "open_now")
            },
            "municipalities": sorted(names.items(), key=lambda item: item[1]),
            "target_groups": sorted(
                ((code, hsds.text(labels, lang)) for code, labels in TARGET_GROUP_LABELS.items()),
                key=lambda i: i[1],
            ),
            "taxonomy": sorted(
                ((code, hsds.text(labels, lang)) for code, labels in TAXONOMY_LABELS.items()),
                key=lambda i: i[1],
            ),
            "languages": [(tag, hsds.LANGUAGE_NAMES[tag]) for tag in LANGUAGE_TAGS],
            "results": results,
            "total": total,
            "searched": searched,
            "page": page,
            "capped": total >= CANDIDATES,
            "next_page": page + 1 if page * PAGE_SIZE < total else None,
            "previous_page": page - 1 if page > 1 else None,
            "error": error,
            "query_string": _without_page(request),
        }
        response = render(request, "catalogue/search.html", context, status=400 if error else 200)
        response["Content-Language"] = ui
        return response


_LANGUAGE_LABELS = {ui: hsds.LANGUAGE_NAMES[tag] for ui, tag in UI_LANGUAGES.items()}


def _int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        return 1


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _results(rows: list[FederatedService], *, lang: str, names: dict[str, str]) -> list[Result]:
    around = surroundings([r.service_id for r in rows], {r.organization_id for r in rows})
    open_ = open_now([r.pk for r in rows], timezone.now())
    return [
        Result(
            row=row,
            lang=lang,
            municipality=names.get(row.origin, row.origin),
            organization=around.organization(row.organization_id),
            places=around.places.get(row.service_id, []),
            open_now=row.pk in open_,
        )
        for row in rows
    ]


def portal(request: HttpRequest) -> HttpResponse:
    """The public portal: find help, no login."""
    return catalogue_page(request, public=True)
