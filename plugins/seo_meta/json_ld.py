"""schema.org JSON-LD for search engines: ``JobPosting`` for vacancies, ``Organization`` for companies.

The builders return plain dicts; ``script_tag`` serializes one into a ``<script>`` element that
is safe to put in a page. Company and vacancy text is untrusted, so the JSON is written with
``ensure_ascii`` and with ``<``, ``>`` and ``&`` as ``\\u`` escapes: no ``</script>`` or
``<!--`` can appear in the output, whatever the data holds.

Google's required JobPosting properties (title, description, datePosted, hiringOrganization,
jobLocation or applicantLocationRequirements + jobLocationType) are always present; the
recommended ones (validThrough, employmentType, baseSalary, identifier, directApply) are added
when the vacancy has the data.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from content_model import Company, Vacancy, plain_text, render

CONTEXT = "https://schema.org"
REGION = "Overijssel"  # every municipality of Twente lies in the province of Overijssel
COUNTRY = "NL"
COUNTRY_NAME = "Netherlands"  # where applicants for remote work may live

# Employee bands of the schema (definitions.yaml, ``size``) as schema.org QuantitativeValue bounds.
SIZE_BOUNDS: dict[str, tuple[int, int | None]] = {
    "1-9": (1, 9), "10-49": (10, 49), "50-249": (50, 249), "250-999": (250, 999), "1000+": (1000, None),
}

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def organization_id(company_url: str) -> str:
    """The ``@id`` that ties a JobPosting's hiringOrganization to the company page's Organization."""
    return f"{company_url}#organization"


def postal_address(locality: str, street: str | None = None, postcode: str | None = None) -> dict[str, str]:
    """A schema.org PostalAddress in Overijssel, the Netherlands."""
    address = {"@type": "PostalAddress"}
    if street:
        address["streetAddress"] = street
    if postcode:
        address["postalCode"] = postcode
    address.update({"addressLocality": locality, "addressRegion": REGION, "addressCountry": COUNTRY})
    return address


def job_location(vacancy: Vacancy, company: Company) -> dict[str, Any]:
    """The workplace as a schema.org Place.

    Street and postcode come from the company's address only when the vacancy is in the
    address's town: a vacancy of an Enschede company placed in Hengelo gets Hengelo alone,
    never the Enschede street.
    """
    address = company.address or {}
    same_town = bool(address) and address["city"].casefold() == vacancy.place.casefold()
    place: dict[str, Any] = {
        "@type": "Place",
        "address": postal_address(vacancy.place, address.get("street") if same_town else None,
                                  address.get("postcode") if same_town else None),
    }
    if same_town and company.geo:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": company.geo["lat"],
                        "longitude": company.geo["lon"]}
    return place


def end_of_day(day: dt.date, timezone: str) -> str:
    """ISO 8601 time of the last second of ``day`` in ``timezone`` (valid_through is inclusive)."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=ZoneInfo(timezone)).isoformat()


def hiring_organization(company: Company, company_url: str, logo_url: str | None) -> dict[str, Any]:
    organization: dict[str, Any] = {
        "@type": "Organization", "@id": organization_id(company_url), "name": company.name,
        "sameAs": company.website, "url": company_url,
    }
    if logo_url:
        organization["logo"] = logo_url
    return organization


def job_posting(vacancy: Vacancy, company: Company, *, page_url: str, company_url: str,
                logo_url: str | None = None, timezone: str = "Europe/Amsterdam",
                language_markers: list[str] | None = None) -> dict[str, Any]:
    """schema.org JobPosting for one live vacancy; URLs must be absolute.

    ``language_markers`` are the labels the page shows ("English is enough", "Dutch
    required"); they go into ``qualifications``, schema.org's text for what a candidate needs.
    """
    posting: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": render(vacancy.body),
        "datePosted": vacancy.date_posted.isoformat(),
        "validThrough": end_of_day(vacancy.valid_through, timezone),
        # schema.org takes one value or a list; one stays a plain string, as Google's examples write it
        "employmentType": (vacancy.employment_type[0] if len(vacancy.employment_type) == 1
                           else list(vacancy.employment_type)),
        "hiringOrganization": hiring_organization(company, company_url, logo_url),
        "jobLocation": job_location(vacancy, company),
        "identifier": {"@type": "PropertyValue", "name": company.name, "value": vacancy.key},
        "directApply": False,
        "url": page_url,
    }
    if language_markers:
        posting["qualifications"] = "; ".join(language_markers)
    if vacancy.remote == "remote":
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = {"@type": "Country", "name": COUNTRY_NAME}
    if vacancy.salary:
        low, high = vacancy.salary["min"], vacancy.salary["max"]
        value: dict[str, Any] = {"@type": "QuantitativeValue",
                                 **({"value": low} if low == high else {"minValue": low, "maxValue": high}),
                                 "unitText": vacancy.salary["period"]}
        posting["baseSalary"] = {"@type": "MonetaryAmount",
                                 "currency": vacancy.salary.get("currency", "EUR"), "value": value}
    return posting


def organization(company: Company, *, page_url: str, description_markdown: str | None = None,
                 logo_url: str | None = None) -> dict[str, Any]:
    """schema.org Organization for a company page; URLs must be absolute."""
    address = company.address
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": organization_id(page_url),
        "name": company.name,
        "url": company.website,
        "mainEntityOfPage": page_url,
        "address": (postal_address(address["city"], address["street"], address["postcode"]) if address
                    else postal_address(company.municipality)),
        "knowsLanguage": list(company.languages),
    }
    if description_markdown:
        data["description"] = plain_text(description_markdown)
    if logo_url:
        data["logo"] = logo_url
    low, high = SIZE_BOUNDS.get(company.size, (None, None))
    if low is not None:
        data["numberOfEmployees"] = {"@type": "QuantitativeValue", "minValue": low,
                                     **({"maxValue": high} if high is not None else {})}
    if company.contact.get("email"):
        data["email"] = company.contact["email"]
    if company.contact.get("phone"):
        data["telephone"] = company.contact["phone"]
    return data


def dumps(data: dict[str, Any]) -> str:
    """JSON text that cannot end a ``<script>`` element or open an HTML comment."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    for character, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(character, escape)  # only ever inside JSON strings, so meaning is kept
    return text


def script_tag(data: dict[str, Any]) -> Markup:
    """``<script type="application/ld+json">`` holding ``data``, ready for a template."""
    return Markup(f'<script type="application/ld+json">{dumps(data)}</script>')
