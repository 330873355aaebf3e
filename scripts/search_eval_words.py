"""Word lists for checking the search pipeline's Python/JavaScript parity.

``dutch_words()`` builds some tens of thousands of Dutch word forms from the
base lists below (plurals, diminutives, verb forms, derivations, compounds,
accented words) plus every stop word of every language in the ``stop-words``
package; ``english_words()`` does the same for English, and ``german_words()`` for German
(umlauts written as such, as ae/oe/ue and folded, ß, female forms, Latin plurals).  The forms need not
all be real words: they exist to drive every branch of both stemmers.

Run ``python scripts/search_eval_words.py nl|en|de`` to print a list.
"""

from __future__ import annotations

import sys
from itertools import islice

from stop_words import AVAILABLE_LANGUAGES, get_stop_words

DUTCH_NOUNS = """
aanbod aanvraag aannemer accountant adres advies adviseur afdeling agent
akker ambacht ambtenaar analist antwoord apotheek appel arbeid arts
assistent auto avond baan bakker bank beroep bedrijf begin beleid
bericht beurs bezoek bibliotheek bijbaan bloem boek boer boom boot
brief brood broodje brug bureau bus cafe campus certificaat chauffeur
collega computer contract cursus dag dak data deel dienst dier diploma
docent dokter dorp draad duim eigenaar eiland energie fabriek familie
feest fiets film firma functie gebouw geld gemeente gesprek glas graad
groep haven hand heuvel hoofd hotel huis idee ingenieur jaar jongen
kaart kamer kans kantoor kapper kast kind kerk keuken klant klas kleur
koffie kok koning kracht kunst laptop leerling leider leraar les lijst
loon lucht maand machine markt medewerker mens meubel middag minuut
monteur muur nacht naam netwerk niveau oog oor opleiding ouder paard
pakket pan papier park partij patient personeel plaats plan plant plein
ploeg poort post praktijk prijs product programma project raad regio
reis restaurant rol ruimte salaris school schip slager sleutel sollicitant
specialist sport staat stad stage station steen stem stoel straat
student stuk systeem taak taal tafel team techniek telefoon tijd toets
tuin uur vacature vak vakantie verhaal verkoper vergadering verzekering
vestiging vlag vloer vogel vraag vriend vrouw water week weg wereld werk
werkgever werknemer wet wijk winkel woning woord zaak zee ziekenhuis zon
zoon zorg
"""

DUTCH_VERBS = """
aanbieden adviseren analyseren antwoorden automatiseren bakken
bedienen begeleiden beginnen behandelen beheren bellen bereiden beschrijven
besturen betalen bewaken bezorgen bieden blijven bouwen brengen controleren
coordineren delen denken doen dragen drinken duwen eten fietsen geven
groeien halen helpen horen houden implementeren installeren kijken kiezen
kopen koken lachen leiden leren leven lezen liggen lopen maken meten
monteren nemen onderhouden ondersteunen ontvangen ontwerpen ontwikkelen
openen organiseren plannen praten presenteren programmeren rekenen
repareren reizen rijden roepen schilderen schrijven slapen solliciteren
spelen spreken staan sturen studeren testen trainen vallen vangen
verbeteren verdienen verhuizen verkopen verplegen verzorgen vinden vliegen
vragen wachten wassen werken werven wonen zeggen zetten zien zingen zitten
zoeken zorgen zwemmen
"""

DUTCH_ADJECTIVES = """
actief belangrijk beschikbaar breed creatief digitaal duurzaam eerlijk
enthousiast financieel flexibel goed groot hard hoog internationaal jong
klein kort lang leuk licht mooi nieuw oud positief praktisch rustig
sociaal snel sterk technisch tevreden uitdagend veilig vriendelijk warm
wit zelfstandig zwaar
"""

DUTCH_SPECIAL = """
bedrijf bedrijven huis huizen broodje broodjes ontwikkelen ontwikkelt
ontwikkeld ontwikkelde ontwikkelaar ontwikkelaars softwareontwikkelaar
softwareontwikkelaars cafe café cafés coördinator coordinator coördinatoren
financiële financiele financieel ideeën geïnteresseerd geïnstalleerd
reünie België Belgische één twéé hé crème première carrière enquête
naïef naïeve coöperatie zeeën knieën beëindigen geëmigreerd auto's
auto’s baby's foto's 's-Hertogenbosch 't d'r zo'n m'n enschede Enschede.
(python) "hengelo" ‘almelo’ zürich ĳs ĲSSELMEER straße Æsop Œuvre Øresund
ﬁnanciën ﬂexibel İstanbul ΣΟΦΟΣ arbeidsongeschiktheidsverzekering
klantenservicemedewerker verpleegkundige verpleegkundigen
kinderopvang bedrijfsleven arbeidsmarkt werkgeversorganisatie
zorgmedewerker magazijnmedewerker gegeven gevaar geval gevallen
vergeten begeleiding gezondheid overheid mogelijkheden aandeelhouder
inning innig inningen heden heid kinderen hoeden boeken vergaderingen
kwaliteiten vrijheid eenheid lengte richting ervaring ervaringen
geanimeerd geëerd gegijzeld ge ged gedd geij geën geïd geeft gevalideerd
gevalideerde gevarieerd gevaren zinnig krankzinnig waanzinnig zinnige innige
ideeënbus zeeëngte tweeëntwintig coëfficiënt patiënten cliënten efficiënt
waﬄe oﬀice þorn ðe đak łodz ıstanbul œuvre ærø jazz jazzen quizzen buzz
geïnd geind gewind gezind gebind gevind
"""

ACCENTED_SUFFIXES = ("en", "ing", "heid", "es", "je", "st", "ig", "baar", "de", "t")

DUTCH_SUFFIXES = (
    "", "en", "s", "'s", "e", "je", "tje", "jes", "tjes", "etje", "pje", "kje",
    "er", "ere", "st", "ste", "de", "te", "den", "ten", "d", "t", "end", "ende",
    "heid", "heden", "ing", "ingen", "lijk", "lijke", "lijker", "lijkst", "baar",
    "achtig", "achtiger", "isch", "ische", "iteit", "iteiten", "atie", "aties",
    "ster", "sters", "erij", "arij", "sel", "isme", "ioneel", "atief", "erig",
    "eriger", "erigst", "tant", "ig", "iger", "igst", "ies", "aus", "és", "nde",
    "ene", "ieve", "fie", "gie", "rder", "dst", "tst", "laar", "naar", "raar",
)

ENGLISH_BASE = """
job jobs work worker working developer development develop engineering
engineer manage manager management managing nurse nursing teach teacher
teaching hospitality generalization relational conditional rational
valency hesitancy digitizer conformably radically differently vilely
analogously predication operator feudalism decisiveness hopefulness
callousness formality sensitivity sensibility triplicate formative
formalize electricity electrical hopeful goodness revival allowance
inference airliner gyroscopic adjustable defensible irritant replacement
adjustment dependent adoption homologous communism activate angularity
effective bowdlerize probate rate cease controlling roll sky skies dying
lying tying lay try cry happy running runs ran agreed feed plastered
bled motoring sing conflated troubled sized hopping tanned falling
hissing fizzed failing filing happiness yelling yes youth relate
possibly multidimensional caresses ponies ties caress cats
"""

ENGLISH_SUFFIXES = ("", "s", "es", "ed", "ing", "er", "ers", "ly", "ness", "ation", "ational",
                    "ity", "ize", "izer", "ful", "ment", "able", "ive", "ies", "y")


GERMAN_NOUNS = """
abschluss abteilung angebot anlage antrag arbeit arbeitgeber arbeitnehmer arzt aufgabe ausbildung
auto bahn bank bau bauer beruf betrieb bewerbung bildung blume boden brief brot brücke buch büro
chef computer dach daten dienst dorf druck ecke einkauf energie entwicklung erfahrung fabrik fach
fahrer fahrrad familie feld fenster firma fläche flughafen forschung frage frau freund garten gast
gebäude gehalt geld gemeinde gericht geschäft gesellschaft gesundheit gewerbe glas grenze gruppe
hafen halle hand handel haus heim hilfe hochschule hof hotel idee industrie information ingenieur
institut jahr jugend kaffee kammer karte kasse kind kirche klasse kollege konto kosten kraft kran
kunde kunst kurs labor land lager lehre lehrer leistung leiter leitung lohn luft macht markt
maschine material meister mensch messe miete minute monat motor museum nacht name netz norden ort
pflege plan platz politik post praktikum preis produkt projekt prüfung qualität rad rat raum recht
regel region reise rente rolle saal schicht schiff schule schüler sicherheit sitz sohn sprache
staat stadt stelle steuer stoff strasse straße strom student studium stunde system tag team technik
teil text thema tisch tochter unternehmen urlaub verkauf verkäufer vertrag verwaltung volk wagen
wald ware wasser weg welt werk werkstatt wert wetter wirtschaft wissen woche wohnung zahl zeit
zentrum zimmer zug zukunft
"""

GERMAN_VERBS = """
arbeiten bauen beraten bewerben bieten bringen denken entwickeln erklären fahren finden fragen
führen geben gehen glauben haben halten helfen holen kaufen kennen kochen kommen können lachen
laufen leben legen lehren leiten lernen lesen liefern machen messen nehmen öffnen pflegen planen
programmieren prüfen rechnen reden reisen sagen schaffen schicken schreiben sehen sein setzen
spielen sprechen stehen steuern studieren suchen testen tragen treffen trinken tun verdienen
verkaufen verstehen wachsen warten waschen werden wissen wohnen zahlen zeigen ziehen
"""

GERMAN_ADJECTIVES = """
aktiv alt deutsch digital dringend einfach eng erfahren fair flexibel frei freundlich früh ganz
gern groß gut hart hoch international jung kalt klein klug kurz lang langsam laut leicht modern
nah neu niederländisch offen praktisch richtig ruhig schnell schwer selbständig sicher sozial
spät stark technisch teuer treu voll warm weit wichtig zuverlässig
"""

GERMAN_SPECIAL = """
Häuser Mädchen Bäcker Bäckerei Bücher Brücken Büros Schüler Schülerinnen Ärzte Ärztin Ärztinnen
Öffnungszeiten Übersetzer Überstunden Größe Straße Straßen Fuß Füße Gruß heißen weiß Mueller
Müller Moeller Möller Baeckerei Schueler Aerzte Oefen Quelle Quellen quer quetschen bequem Bauer
Bauern Bayern Treue treuer Yacht Boyen Ruhe Ruhr euer teuer Feuer Mauer Steuern Mitarbeiterin
Mitarbeiterinnen Entwicklerin Entwicklerinnen Studentin Studentinnen Praktika Praktikums Studien
Zentren Firmen Themen Konten Visa Gymnasien Softwareentwickler Werkstudent Werkstudentin
Werkstudentinnen Minijob Nebenjob Ferienjob Abschlussarbeit Abschlussarbeiten Masterarbeit
Bachelorarbeit Traineeprogramm Berufserfahrung Gesundheitswesen Krankenpfleger Krankenpflegerin
Pflegefachkraft Fachkräfte Lagerlogistik Grenzregion grenzüberschreitend grenzüberschreitende
Arbeitserlaubnis Aufenthaltstitel Niederländischkenntnisse Deutschkenntnisse Englischkenntnisse
erforderlich Teilzeit Vollzeit Schichtdienst Hightech Maschinenbau Elektrotechnik Informatik
Informatikerin Wirtschaftsinformatik Kunststofftechnik Lebensmitteltechnik Textiltechnik
systematisch Systeme Systemen system's Hans' Kinder's 'sch geordnet geordnete Planung Planungen
Technik tickt Ticket interne internen Internet Trend trennen Nis Erlebnis Erlebnisse Kenntnis
Kenntnisse Ergebnis Ergebnissen Zeugnis Zeugnisse
"""

GERMAN_SUFFIXES = (
    "", "e", "en", "em", "er", "ern", "es", "s", "n", "in", "innen", "erin", "erinnen", "ung", "ungen",
    "heit", "heiten", "keit", "keiten", "lich", "liche", "lichen", "licher", "lichkeit", "ig", "ige",
    "igen", "iger", "igkeit", "isch", "ische", "ischen", "end", "ende", "enden", "st", "est", "et", "te",
    "ten", "tet", "ik", "chen", "lein", "nis", "nisse", "schaft", "ln", "lns", "'s", "ste", "sten",
    "bar", "los", "lose", "ei", "erei", "ler", "ner",
)


def _german_verb_forms(infinitive: str) -> list[str]:
    """Rough German conjugations: stem, present, past, participles."""
    stem = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
    return [infinitive, stem, stem + "e", stem + "st", stem + "t", stem + "et", stem + "te", stem + "ten",
            "ge" + stem + "t", "ge" + stem + "en", stem + "end", stem + "ende", infinitive + "d"]


def _ascii_umlauts(word: str) -> str:
    return (word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
            .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss"))


def german_words() -> list[str]:
    """Distinct German test words, sorted."""
    bases = _words(GERMAN_NOUNS) + _words(GERMAN_ADJECTIVES)
    words = {base + suffix for base in bases for suffix in GERMAN_SUFFIXES}
    words.update(form for verb in _words(GERMAN_VERBS) for form in _german_verb_forms(verb))
    words.update(_compounds(_words(GERMAN_NOUNS)))
    words.update(_words(GERMAN_SPECIAL))
    words.update(_ascii_umlauts(word) for word in list(words) if not word.isascii())
    words.update(word.capitalize() for word in _words(GERMAN_NOUNS))
    words.update(word.upper() for word in _words(GERMAN_SPECIAL))
    words.update(all_stop_words())
    return sorted(words)


def _words(block: str) -> list[str]:
    return block.split()


def _compounds(nouns: list[str]) -> set[str]:
    """Each noun joined with the five after it, bare and with the linking -s- and -en-."""
    return {first + link + second for i, first in enumerate(nouns)
            for second in islice(nouns, i + 1, i + 6) for link in ("", "s", "en")}


def _verb_forms(infinitive: str) -> list[str]:
    """Rough Dutch conjugations: stem, stem+t, past, participles."""
    stem = infinitive[:-2] if infinitive.endswith("en") else infinitive
    if len(stem) > 2 and stem[-1] == stem[-2]:
        stem = stem[:-1]
    stem = stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])
    past = "te" if stem[-1] in "tkfschp" else "de"
    return [
        infinitive, stem, stem + "t", stem + past, stem + past + "n", "ge" + stem + past[0],
        stem + past[0], infinitive + "d", infinitive + "de", "ge" + infinitive,
    ]


def all_stop_words() -> list[str]:
    """Every stop word of every language in the ``stop-words`` package."""
    return sorted({w for lang in AVAILABLE_LANGUAGES for w in get_stop_words(lang)})


def dutch_words() -> list[str]:
    """Distinct Dutch test words, sorted."""
    bases = _words(DUTCH_NOUNS) + _words(DUTCH_ADJECTIVES)
    words = {base + suffix for base in bases for suffix in DUTCH_SUFFIXES}
    words.update(form for verb in _words(DUTCH_VERBS) for form in _verb_forms(verb))
    words.update(_compounds(_words(DUTCH_NOUNS)))
    words.update(_words(DUTCH_SPECIAL))
    accented = [w for w in _words(DUTCH_SPECIAL) if not w.isascii()]
    words.update(w + suffix for w in accented for suffix in ACCENTED_SUFFIXES)
    words.update(w.upper() for w in _words(DUTCH_SPECIAL))
    words.update(all_stop_words())
    return sorted(words)


def english_words() -> list[str]:
    """Distinct English test words, sorted."""
    words = {b + s for b in _words(ENGLISH_BASE) for s in ENGLISH_SUFFIXES}
    words.update(get_stop_words("en"))
    return sorted(words)


if __name__ == "__main__":
    lists = {"nl": dutch_words, "en": english_words, "de": german_words}
    print("\n".join(lists[sys.argv[1] if len(sys.argv) > 1 else "nl"]()))
