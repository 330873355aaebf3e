#!/usr/bin/env python3
"""Write N synthetic companies and M vacancies (plus the demo guide) into a content folder.

For scale tests and benchmarks, e.g.:

    python scripts/generate_content.py /tmp/big-content --companies 1000 --vacancies 10000

Output is deterministic for a given --seed and passes the validator. Every company is
clearly synthetic ("Synthetic company 0001 ...").
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

from content_model import dump_vacancy, vocabulary

ROOT = Path(__file__).resolve().parent.parent

TOWNS = {"Almelo": "Almelo", "Borne": "Borne", "Dinkelland": "Denekamp", "Enschede": "Enschede",
         "Haaksbergen": "Haaksbergen", "Hellendoorn": "Nijverdal", "Hengelo": "Hengelo",
         "Hof van Twente": "Goor", "Losser": "Losser", "Oldenzaal": "Oldenzaal",
         "Rijssen-Holten": "Rijssen", "Tubbergen": "Tubbergen", "Twenterand": "Vriezenveen",
         "Wierden": "Wierden"}
NAME_PARTS = ["Dinkel", "Regge", "Lutter", "Twickel", "Esch", "Kanaal", "Molen", "Vlas", "Hof", "Zand",
              "Veld", "Brink", "Berg", "Beek", "Weide", "Horst", "Linde", "Eik", "Heide", "Marke"]
NAME_KINDS = ["Systems", "Techniek", "Zorg", "Logistiek", "Software", "Bouw", "Foods", "Energie",
              "Media", "Lab", "Textiel", "Advies", "Materials", "Robotics", "Data"]
ROLES = {
    "en": ["software developer", "data analyst", "mechanical engineer", "project coordinator",
           "marketing assistant", "quality inspector", "logistics planner", "nurse", "web developer",
           "research assistant", "sales trainee", "service technician", "financial controller"],
    "nl": ["softwareontwikkelaar", "data-analist", "werktuigbouwkundige", "projectcoördinator",
           "marketingmedewerker", "kwaliteitscontroleur", "logistiek planner", "verpleegkundige",
           "webontwikkelaar", "onderzoeksassistent", "verkoopmedewerker", "servicemonteur", "controller"],
}
PREFIX = {"job": {"en": "", "nl": ""}, "internship": {"en": "Internship ", "nl": "Stage "},
          "graduation-project": {"en": "Graduation project ", "nl": "Afstudeeropdracht "},
          "side-job": {"en": "Student job ", "nl": "Bijbaan "}, "traineeship": {"en": "Traineeship ", "nl": "Traineeship "}}
EMPLOYMENT = {"job": "FULL_TIME", "internship": "INTERN", "graduation-project": "INTERN",
              "side-job": "PART_TIME", "traineeship": "FULL_TIME"}
SENTENCES = {
    "en": ["You work in a small team on products used all over Europe.",
           "We develop software and machines for customers in the region.",
           "You bring curiosity, a degree in progress and good English.",
           "Our engineers help you from your first day.",
           "You analyse data, write reports and present your results.",
           "We offer a fair allowance, flexible hours and a bike plan.",
           "The office is close to the station and the university.",
           "Students from every nationality are welcome here."],
    "nl": ["Je werkt in een klein team aan producten die in heel Europa worden gebruikt.",
           "Wij ontwikkelen software en machines voor bedrijven in de regio.",
           "Je bent nieuwsgierig, studeert nog en spreekt goed Nederlands.",
           "Onze collega's helpen je vanaf de eerste dag.",
           "Je analyseert gegevens, schrijft rapporten en presenteert je resultaten.",
           "Wij bieden een goede stagevergoeding, flexibele werktijden en een fietsplan.",
           "Het kantoor ligt dicht bij het station en de universiteit.",
           "Studenten van elke nationaliteit zijn welkom."],
}


def company_data(index: int, rng: random.Random) -> tuple[str, dict]:
    name = f"Synthetic company {index:04d} {rng.choice(NAME_PARTS)} {rng.choice(NAME_KINDS)}"
    slug = f"synthetic-{index:04d}"
    municipality = rng.choice(vocabulary("municipality"))
    english = rng.random() < 0.4
    data = {
        "name": name, "website": f"https://{slug}.example", "municipality": municipality,
        "sectors": rng.sample(vocabulary("sector"), rng.randint(1, 3)), "size": rng.choice(vocabulary("size")),
        "languages": ["nl", "en"] if english else ["nl"],
        "international": {"english_workplace": english, "ind_recognised_sponsor": english and rng.random() < 0.6,
                          "relocation_help": english and rng.random() < 0.4},
        "offers": rng.sample(vocabulary("offer"), rng.randint(1, 4)),
        "description": {
            "en": " ".join(rng.sample(SENTENCES["en"], 3)) + "\n\n*Synthetic test company.*\n",
            "nl": " ".join(rng.sample(SENTENCES["nl"], 3)) + "\n\n*Synthetisch testbedrijf.*\n",
        },
    }
    return slug, data


def vacancy_data(index: int, company: str, municipality: str, rng: random.Random, today: dt.date) -> dict:
    lang = rng.choice(["en", "nl", "nl"])
    kind = rng.choice(vocabulary("vacancy_type"))
    role = rng.choice(ROLES[lang])
    posted = today - dt.timedelta(days=rng.randint(0, 80))
    return {
        "title": f"{PREFIX[kind][lang]}{role}".strip().capitalize(), "company": company, "type": kind,
        "employment_type": EMPLOYMENT[kind], "education": sorted(rng.sample(vocabulary("education"), rng.randint(1, 2))),
        "language": lang, "languages_required": [lang], "place": TOWNS[municipality],
        "hours": {"min": 16, "max": 40} if kind != "side-job" else {"min": 8, "max": 16},
        "date_posted": posted, "valid_through": posted + dt.timedelta(days=rng.randint(90, 200)),
        "apply_url": f"https://{company}.example/jobs/{index:05d}", "source": "manual",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="content folder to create (must not exist, or use --force)")
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--vacancies", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="date the vacancies are posted around (default: today)")
    parser.add_argument("--force", action="store_true", help="replace the target folder if it exists")
    args = parser.parse_args(argv)
    if args.companies < 1 or args.vacancies < 0:
        parser.error("need at least one company and zero or more vacancies")
    if args.target.exists():
        if not args.force:
            parser.error(f"{args.target} exists; pass --force to replace it")
        shutil.rmtree(args.target)
    rng = random.Random(args.seed)
    (args.target / "companies").mkdir(parents=True)
    companies = []
    for index in range(1, args.companies + 1):
        slug, data = company_data(index, rng)
        companies.append((slug, data["municipality"]))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (args.target / "companies" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    for index in range(1, args.vacancies + 1):
        company, municipality = companies[rng.randrange(len(companies))]
        fields = vacancy_data(index, company, municipality, rng, args.today)
        body = "\n\n".join(" ".join(rng.sample(SENTENCES[fields["language"]], 3)) for _ in range(2))
        folder = args.target / "vacancies" / company
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"vacancy-{index:05d}.md").write_text(dump_vacancy(fields, body), encoding="utf-8")
        if index % 2000 == 0:
            print(f"  {index}/{args.vacancies} vacancies", file=sys.stderr)
    shutil.copytree(ROOT / "content" / "guides", args.target / "guides")
    print(f"wrote {args.companies} companies and {args.vacancies} vacancies to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
