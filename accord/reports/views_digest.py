"""The digest page (what the person's next digest says) and the small page where they choose how often it
comes and whether reminders do."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accord.reports import actions
from accord.reports import digest as digests
from accord.reports.models import DigestFrequency
from accord.reports.permissions import can_read_digest
from accord.web.access import get_network, require_visible


class DigestPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=gettext_lazy("Send me the digest"), choices=DigestFrequency.choices, widget=forms.RadioSelect
    )
    reminders = forms.BooleanField(label=gettext_lazy("Remind me before the end date of an item I own"), required=False)


@require_GET
def digest_page(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    require_visible(request, can_read_digest(request.user, net))
    pref = digests.preference(request.user, net)
    digest = digests.build_digest(request.user, net, timezone.localdate())
    return render(request, "reports/digest.html", {"network": net, "digest": digest, "preference": pref, "site": ""})


@require_http_methods(["GET", "POST"])
def digest_settings(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    require_visible(request, can_read_digest(request.user, net))
    pref = digests.preference(request.user, net)
    form = DigestPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"frequency": pref.frequency, "reminders": pref.reminders},
    )
    if request.method == "POST" and form.is_valid():
        actions.do_set_digest_preference(
            request.user, net, frequency=form.cleaned_data["frequency"], reminders=form.cleaned_data["reminders"]
        )
        messages.success(request, _("Your digest settings are saved."))
        return HttpResponseRedirect(reverse("reports:digest_settings", args=[net.slug]))
    return render(
        request, "reports/digest_settings.html", {"network": net, "form": form}, status=400 if form.errors else 200
    )
