"""Aanmelden bij het Leerwerkplatform: a proeftuin registers its project group with PZNL.

The records (:mod:`.records`: the registration and its members, work e-mail addresses only)
and the e-mail built from them (:mod:`.analysis`, from the kansrijk project's template in
``templates/leerwerkplatform/``); the page in :mod:`leven.leerwerkplatform.views`.
"""

from __future__ import annotations

from leven.leerwerkplatform.analysis import mail, mailto, overview, template_for, templates
from leven.leerwerkplatform.records import Aanmelding, Projectgroeplid

__all__ = ["Aanmelding", "Projectgroeplid", "mail", "mailto", "overview", "template_for",
           "templates"]
