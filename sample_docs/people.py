"""Synthetic people, MyKad numbers, addresses, employers, clinics and police stations.

Names are random combinations of common given names and patronyms; numbers are random
but valid (real birth date, JPN place-of-birth code, gender digit matching the person).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

MALAY_M = (
    "AHMAD",
    "MUHAMMAD HAFIZ",
    "MOHD FAIZAL",
    "AZMAN",
    "KHAIRUL ANUAR",
    "ZULKIFLI",
    "MUHAMMAD SYAFIQ",
    "AMIRUL HAKIM",
    "NORAZLAN",
    "MOHD RIDZUAN",
    "HAIRUL NIZAM",
    "FAKHRUL RAZI",
    "MOHAMAD ROSLI",
    "ABDUL HALIM",
    "SHAHRUL NIZAM",
    "MUHAMMAD AIMAN",
    "ADAM HARIZ",
    "MOHD KAMARUL",
    "NIK AZRI",
    "WAN AHMAD FIRDAUS",
)
MALAY_F = (
    "NUR AISYAH",
    "SITI NORHAYATI",
    "FARAH HANIM",
    "NOR AZIZAH",
    "NURUL AIN",
    "SITI KHADIJAH",
    "NUR SYAZWANI",
    "AINUL MARDHIAH",
    "ROSNANI",
    "NOR HIDAYAH",
    "FATIMAH ZAHRA",
    "NURUL HUDA",
    "SHARIFAH NORLIZA",
    "AZLINA",
    "HASLINDA",
)
MALAY_FATHER = (
    "ISMAIL",
    "ABDULLAH",
    "OTHMAN",
    "YUSOF",
    "HASSAN",
    "ABD RAHMAN",
    "MOHD NOOR",
    "SULAIMAN",
    "JAAFAR",
    "MAT ZIN",
    "ABU BAKAR",
    "IBRAHIM",
    "HAMZAH",
    "RAMLI",
    "MOHAMAD SALLEH",
    "AWANG",
    "KASSIM",
    "DAUD",
)
CHINESE_SURNAME = (
    "TAN",
    "LIM",
    "LEE",
    "WONG",
    "ONG",
    "CHONG",
    "NG",
    "LAU",
    "YAP",
    "TEH",
    "GOH",
    "CHAN",
    "LOW",
    "KOH",
    "CHEAH",
    "LIEW",
    "SIM",
    "HO",
)
CHINESE_M = (
    "WEI MING",
    "AH KOW",
    "CHEE KEONG",
    "KAH HOE",
    "BOON HOCK",
    "JUN HAO",
    "YONG SENG",
    "KOK WAI",
    "ZHI HAO",
    "CHIN HUI",
)
CHINESE_F = (
    "SIEW LING",
    "MEI LING",
    "JIA HUI",
    "YEE LING",
    "HUI MIN",
    "PEI SAN",
    "AI LING",
    "XIN YI",
    "SOOK FUN",
    "LAI KUEN",
)
INDIAN_M = (
    "RAJESH",
    "KUMARAN",
    "SURESH",
    "MURUGAN",
    "SELVAM",
    "GANESAN",
    "PRAKASH",
    "VIKNESWARAN",
    "THIAGARAJAN",
    "SARAVANAN",
    "RAVICHANDRAN",
    "DINESH",
)
INDIAN_F = (
    "KAVITHA",
    "PRIYA",
    "DEVI",
    "LETCHUMY",
    "SARASWATHY",
    "MALAR",
    "SHANTHI",
    "THILAGAVATHY",
    "REVATHI",
    "YOGESWARI",
)
INDIAN_FATHER = (
    "MUNUSAMY",
    "RAMASAMY",
    "SUPPIAH",
    "KRISHNAN",
    "ARUMUGAM",
    "PERUMAL",
    "SUBRAMANIAM",
    "GOVINDASAMY",
    "RAJOO",
    "VELLU",
    "MANIAM",
)
IBAN_M = ("MARCUS", "JOHNNY", "STANLEY", "ROBERT", "EDWIN", "JAMES")
IBAN_F = ("MARY", "LUCY", "ROSALIND", "JENNIFER", "AGNES")
IBAN_FATHER = ("NYALAU", "JUGAH", "LANGGI", "MAJANG", "UNGGANG", "SAGAT", "BUNDAN", "MANGGI")

# State place-of-birth codes (domain.md 4.1, the JPN-cited list) with a town and postcode each.
PLACES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("SELANGOR", ("10", "41", "42", "43", "44"), "40150", "SHAH ALAM"),
    ("SELANGOR", ("10", "41", "43"), "43000", "KAJANG"),
    ("SELANGOR", ("10", "42"), "41200", "KLANG"),
    ("WILAYAH PERSEKUTUAN KUALA LUMPUR", ("14", "54", "55", "56", "57"), "56000", "CHERAS"),
    ("JOHOR", ("01", "21", "22", "23", "24"), "81300", "SKUDAI"),
    ("JOHOR", ("01", "22"), "83000", "BATU PAHAT"),
    ("PULAU PINANG", ("07", "34", "35"), "14000", "BUKIT MERTAJAM"),
    ("PERAK", ("08", "36", "37", "38", "39"), "30100", "IPOH"),
    ("PAHANG", ("06", "32", "33"), "25200", "KUANTAN"),
    ("KELANTAN", ("03", "28", "29"), "15000", "KOTA BHARU"),
    ("KEDAH", ("02", "25", "26", "27"), "05150", "ALOR SETAR"),
    ("NEGERI SEMBILAN", ("05", "31", "59"), "70200", "SEREMBAN"),
    ("MELAKA", ("04", "30"), "75400", "MELAKA"),
    ("TERENGGANU", ("11", "45", "46"), "20300", "KUALA TERENGGANU"),
    ("SABAH", ("12", "47", "48", "49"), "88300", "KOTA KINABALU"),
    ("SARAWAK", ("13", "50", "51", "52", "53"), "93350", "KUCHING"),
)
STREETS = (
    "JALAN MAWAR",
    "JALAN KENANGA",
    "JALAN SERI INDAH",
    "LORONG BUNGA RAYA",
    "JALAN PERMATA",
    "JALAN BESTARI",
    "JALAN MERANTI",
    "JALAN CEMPAKA",
    "JALAN DAMAI",
    "JALAN INDAH JAYA",
    "LORONG SENTOSA",
    "JALAN HARMONI",
)
TAMANS = (
    "TAMAN SRI MUDA",
    "TAMAN MELATI",
    "TAMAN DESA JAYA",
    "TAMAN BUKIT INDAH",
    "TAMAN SEJAHTERA",
    "TAMAN PERMAI",
    "KAMPUNG BARU",
    "TAMAN MUTIARA",
    "TAMAN SENTOSA",
)
COMPANY_A = (
    "MAJU JAYA",
    "SINAR TIMUR",
    "CAHAYA GEMILANG",
    "PERINTIS SETIA",
    "TEGUH BINA",
    "HARMONI LOGISTIK",
    "MEGAH UTAMA",
    "SRI MURNI",
    "KUALITI PRIMA",
    "NUSA RIA",
    "GOLDEN LEAF",
    "EVERBRIGHT",
    "SUNRISE",
    "HOCK SENG",
)
COMPANY_B = (
    "ELEKTRONIK",
    "PEMBINAAN",
    "LOGISTIK",
    "PLASTIK",
    "MAKANAN",
    "KEJURUTERAAN",
    "PERKILANGAN",
    "HARDWARE",
    "TEKSTIL",
    "PERABOT",
)
POSITIONS = (
    "OPERATOR PENGELUARAN",
    "PEMANDU LORI",
    "JURUTEKNIK",
    "KERANI",
    "PENYELIA",
    "PEMBANTU AM",
    "PENGAWAL KESELAMATAN",
    "TUKANG KIMPAL",
    "STOREKEEPER",
    "FORKLIFT DRIVER",
)


@dataclass
class Person:
    name: str  # as registered (JPN style, upper case)
    ic: str  # YYMMDD-PB-###G
    male: bool
    race: str  # malay, chinese, indian, iban
    address: tuple[str, ...]
    dob: date
    state: str
    religion: str = ""
    given: str = ""
    father: str = ""


@dataclass
class Employer:
    name: str
    code: str
    address: tuple[str, ...]
    ssm: str
    phone: str
    town: str
    state: str
    officer: Person | None = None


@dataclass
class Clinic:
    name: str
    address: tuple[str, ...]
    phone: str
    doctor: str
    mmc: str
    government: bool = False
    doctor_ic: str = ""


@dataclass
class Station:
    balai: str  # SEKSYEN 6
    district: str  # SHAH ALAM
    state: str
    officer: str
    officer_no: str
    extras: dict[str, str] = field(default_factory=dict)


def make_ic(rng: random.Random, dob: date, male: bool, pb: str) -> str:
    serial = rng.randint(0, 999)
    last = rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    serial3 = f"{serial:03d}"
    return f"{dob:%y%m%d}-{pb}-{serial3}{last}"


def _place(rng: random.Random) -> tuple[str, tuple[str, ...], str, str]:
    return PLACES[rng.randrange(len(PLACES))]


def make_address(rng: random.Random) -> tuple[tuple[str, ...], str, str, tuple[str, ...]]:
    state, codes, postcode, town = _place(rng)
    no = rng.choice(
        (f"NO {rng.randint(1, 120)}", f"{rng.randint(1, 60)}", f"LOT {rng.randint(100, 9999)}")
    )
    lines = (
        f"{no}, {rng.choice(STREETS)} {rng.randint(1, 12)}",
        rng.choice(TAMANS),
        f"{postcode} {town}",
        state,
    )
    return lines, state, town, codes


def _name(rng: random.Random, race: str, male: bool) -> tuple[str, str, str]:
    if race == "malay":
        given = rng.choice(MALAY_M if male else MALAY_F)
        father = rng.choice(MALAY_FATHER)
        return f"{given} {'BIN' if male else 'BINTI'} {father}", given, father
    if race == "indian":
        given = rng.choice(INDIAN_M if male else INDIAN_F)
        father = rng.choice(INDIAN_FATHER)
        return f"{given} {'A/L' if male else 'A/P'} {father}", given, father
    if race == "iban":
        given = rng.choice(IBAN_M if male else IBAN_F)
        father = rng.choice(IBAN_FATHER)
        return f"{given} ANAK {father}", given, father
    sur = rng.choice(CHINESE_SURNAME)
    given = rng.choice(CHINESE_M if male else CHINESE_F)
    return f"{sur} {given}", given, sur


def make_person(
    rng: random.Random,
    on: date,
    race: str | None = None,
    male: bool | None = None,
    age: tuple[int, int] = (20, 57),
) -> Person:
    race = race or rng.choices(("malay", "chinese", "indian", "iban"), (55, 25, 15, 5))[0]
    male = rng.random() < 0.7 if male is None else male
    name, given, father = _name(rng, race, male)
    dob = on - timedelta(days=rng.randint(age[0] * 365 + 10, age[1] * 365))
    address, state, _town, codes = make_address(rng)
    if race == "iban":
        codes = ("13", "50", "51", "52", "53")
    pb = rng.choice(codes)
    religion = "ISLAM" if race == "malay" else ""
    return Person(
        name, make_ic(rng, dob, male, pb), male, race, address, dob, state, religion, given, father
    )


def make_employer(rng: random.Random, on: date) -> Employer:
    kind = rng.choice(COMPANY_B)
    name = f"{rng.choice(COMPANY_A)} {kind} SDN. BHD."
    address, state, town, _ = make_address(rng)
    address = (
        f"LOT {rng.randint(2, 80)}, JALAN PERUSAHAAN {rng.randint(1, 9)}",
        f"KAWASAN PERINDUSTRIAN {town}",
        *address[2:],
    )
    code = f"E{rng.randint(10000000, 99999999)}"
    ssm = f"{rng.randint(100000, 1299999)}-{rng.choice('ADHKMPTUVWX')}"
    phone = f"0{rng.choice((3, 4, 5, 6, 7, 9))}-{rng.randint(200, 999)} {rng.randint(1000, 9999)}"
    officer = make_person(rng, on, age=(30, 55))
    return Employer(name, code, address, ssm, phone, town, state, officer)


def make_clinic(rng: random.Random, town: str, state: str, on: date) -> Clinic:
    doc = make_person(rng, on, age=(30, 60))
    government = rng.random() < 0.3
    if government:
        name = rng.choice((f"KLINIK KESIHATAN {town}", f"HOSPITAL {town}"))
    else:
        name = rng.choice(
            (
                f"KLINIK {rng.choice(('SERI', 'MEDIKAL', 'FAMILI', 'DESA'))} {town}",
                f"POLIKLINIK {rng.choice(('PRIHATIN', 'SEJAHTERA', 'AN-NUR', 'CARE'))}",
                f"KLINIK DR. {doc.given.split()[0]} & RAKAN-RAKAN",
            )
        )
    address = (
        f"NO {rng.randint(1, 90)}, JALAN {rng.choice(('BESAR', 'PASAR', 'STESEN', 'DATO ONN'))}",
        f"{rng.randint(10000, 98000):05d} {town}",
        state,
    )
    phone = f"0{rng.choice((3, 4, 5, 6, 7, 9))}-{rng.randint(200, 999)} {rng.randint(1000, 9999)}"
    mmc = f"{rng.randint(20000, 79999)}"
    return Clinic(name, address, phone, f"DR. {doc.name}", mmc, government, doc.ic)


def make_station(rng: random.Random, town: str, state: str, on: date) -> Station:
    balai = rng.choice(
        (
            "SEKSYEN 6",
            "BANDAR BARU",
            "PEKAN",
            "TAMAN MELATI",
            "JALAN BESAR",
            "BUKIT INDAH",
            "SRI MUDA",
        )
    )
    officer = make_person(rng, on, age=(25, 55))
    rank = rng.choice(("KPL", "L/KPL", "SJN", "KONST", "INSP"))
    return Station(
        f"{balai} {town}".strip(),
        town,
        state,
        f"{rank} {officer.name}",
        f"RF{rng.randint(100000, 199999)}",
        {"officer_ic": officer.ic},
    )


def abbreviated_bank_account(rng: random.Random) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(rng.choice((12, 14, 16))))
