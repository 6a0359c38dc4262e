"""Regenerate countries.json from pycountry plus the hand-kept table below.

    python apps/extraction/engine/data/build_countries.py

Columns: ISO alpha-2 | common English short name ("" = pycountry's) | extra aliases | demonyms | capital(s)
General knowledge only (names, demonyms, capitals); nothing article-specific.
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

TABLE = """
AF||Islamic Emirate of Afghanistan|Afghan;Afghans|Kabul
AL|||Albanian;Albanians|Tirana
DZ|||Algerian;Algerians|Algiers
AD|||Andorran|Andorra la Vella
AO|||Angolan;Angolans|Luanda
AG|||Antiguan|St. John's
AR|||Argentine;Argentinian;Argentinians;Argentines|Buenos Aires
AM|||Armenian;Armenians|Yerevan
AU|||Australian;Australians|Canberra
AT|||Austrian;Austrians|Vienna
AZ|||Azerbaijani;Azerbaijanis;Azeri|Baku
BS||The Bahamas|Bahamian|Nassau
BH|||Bahraini;Bahrainis|Manama
BD|||Bangladeshi;Bangladeshis|Dhaka
BB|||Barbadian|Bridgetown
BY||Byelorussia|Belarusian;Belarusians|Minsk
BE|||Belgian;Belgians|
BZ|||Belizean|Belmopan
BJ|||Beninese|Porto-Novo
BT|||Bhutanese|Thimphu
BO|Bolivia||Bolivian;Bolivians|La Paz;Sucre
BA||Bosnia;Bosnia-Herzegovina|Bosnian;Bosnians|Sarajevo
BW|||Botswanan;Motswana|Gaborone
BR|||Brazilian;Brazilians|Brasilia;Brasília
BN|||Bruneian|Bandar Seri Begawan
BG|||Bulgarian;Bulgarians|Sofia
BF|||Burkinabe|Ouagadougou
BI|||Burundian|Gitega
CV||Cape Verde|Cape Verdean|Praia
KH|||Cambodian;Cambodians|Phnom Penh
CM|||Cameroonian;Cameroonians|Yaounde;Yaoundé
CA|||Canadian;Canadians|Ottawa
CF|||Central African|Bangui
TD|||Chadian;Chadians|N'Djamena
CL|||Chilean;Chileans|Santiago
CN||People's Republic of China;PRC|Chinese|Beijing
CO|||Colombian;Colombians|Bogota;Bogotá
KM|||Comorian|Moroni
CG||Congo-Brazzaville;Republic of the Congo|Congolese|Brazzaville
CD|DR Congo|Democratic Republic of the Congo;DRC;DR Congo;Congo-Kinshasa;Democratic Republic of Congo||Kinshasa
CR|||Costa Rican;Costa Ricans|San Jose
CI|Ivory Coast|Cote d'Ivoire;Côte d'Ivoire|Ivorian;Ivorians|Yamoussoukro
HR|||Croatian;Croatians;Croat;Croats|Zagreb
CU|||Cuban;Cubans|Havana
CY|||Cypriot;Cypriots|Nicosia
CZ|Czech Republic|Czechia|Czech;Czechs|Prague
DK|||Danish;Danes|Copenhagen
DJ|||Djiboutian|Djibouti City
DM|||Dominican|Roseau
DO|||Dominican|Santo Domingo
EC|||Ecuadorian;Ecuadorians|Quito
EG|||Egyptian;Egyptians|Cairo
SV|||Salvadoran;Salvadorans|San Salvador
GQ|||Equatoguinean|Malabo
ER|||Eritrean;Eritreans|Asmara
EE|||Estonian;Estonians|Tallinn
SZ||Swaziland|Swazi|Mbabane
ET|||Ethiopian;Ethiopians|Addis Ababa
FJ|||Fijian;Fijians|Suva
FI|||Finnish;Finns|Helsinki
FR||French Republic|French|Paris
GA|||Gabonese|Libreville
GM||The Gambia|Gambian;Gambians|Banjul
GE|||Georgian;Georgians|Tbilisi
DE||Federal Republic of Germany|German;Germans|Berlin
GH|||Ghanaian;Ghanaians|Accra
GR||Hellenic Republic|Greek;Greeks|Athens
GD|||Grenadian|St. George's
GT|||Guatemalan;Guatemalans|Guatemala City
GN|||Guinean;Guineans|Conakry
GW|||Bissau-Guinean|Bissau
GY|||Guyanese|Georgetown
HT|||Haitian;Haitians|Port-au-Prince
HN|||Honduran;Hondurans|Tegucigalpa
HU|||Hungarian;Hungarians|Budapest
IS|||Icelandic;Icelanders|Reykjavik;Reykjavík
IN|||Indian;Indians|New Delhi
ID|||Indonesian;Indonesians|Jakarta
IR|Iran|Islamic Republic of Iran|Iranian;Iranians|Tehran
IQ|||Iraqi;Iraqis|Baghdad
IE||Republic of Ireland;Eire|Irish|Dublin
IL|||Israeli;Israelis|Jerusalem
IT|||Italian;Italians|Rome
JM|||Jamaican;Jamaicans|Kingston
JP|||Japanese|Tokyo
JO|||Jordanian;Jordanians|Amman
KZ|||Kazakh;Kazakhs;Kazakhstani|Astana
KE|||Kenyan;Kenyans|Nairobi
KI|||I-Kiribati|Tarawa
KP|North Korea|DPRK|North Korean;North Koreans|Pyongyang
KR|South Korea|Republic of Korea;ROK|South Korean;South Koreans|Seoul
XK|Kosovo||Kosovar;Kosovars|Pristina
KW|||Kuwaiti;Kuwaitis|Kuwait City
KG|||Kyrgyz|Bishkek
LA|Laos||Lao;Laotian|Vientiane
LV|||Latvian;Latvians|Riga
LB|||Lebanese|Beirut
LS|||Basotho|Maseru
LR|||Liberian;Liberians|Monrovia
LY|||Libyan;Libyans|Tripoli
LI|||Liechtensteiner|Vaduz
LT|||Lithuanian;Lithuanians|Vilnius
LU|||Luxembourgish;Luxembourger|Luxembourg City
MG|||Malagasy|Antananarivo
MW|||Malawian;Malawians|Lilongwe
MY|||Malaysian;Malaysians|Kuala Lumpur
MV|||Maldivian|Male
ML|||Malian;Malians|Bamako
MT|||Maltese|Valletta
MH|||Marshallese|Majuro
MR|||Mauritanian;Mauritanians|Nouakchott
MU|||Mauritian;Mauritians|Port Louis
MX|||Mexican;Mexicans|Mexico City
FM|Micronesia||Micronesian|Palikir
MD|Moldova||Moldovan;Moldovans|Chisinau;Chișinău
MC|||Monegasque|
MN|||Mongolian;Mongolians|Ulaanbaatar;Ulan Bator
ME|||Montenegrin;Montenegrins|Podgorica
MA|||Moroccan;Moroccans|Rabat
MZ|||Mozambican;Mozambicans|Maputo
MM||Burma|Burmese;Myanmar's|Naypyidaw;Naypyitaw
NA|||Namibian;Namibians|Windhoek
NR|||Nauruan|Yaren
NP|||Nepali;Nepalese|Kathmandu
NL||Holland|Dutch|Amsterdam;The Hague
NZ|||New Zealander;New Zealanders|Wellington
NI|||Nicaraguan;Nicaraguans|Managua
NE|||Nigerien|Niamey
NG|||Nigerian;Nigerians|Abuja
MK||Macedonia;FYROM|Macedonian;North Macedonian|Skopje
NO|||Norwegian;Norwegians|Oslo
OM|||Omani;Omanis|Muscat
PK|||Pakistani;Pakistanis|Islamabad
PW|||Palauan|Ngerulmud
PS|Palestine|Palestinian territories;State of Palestine;Palestinian Authority|Palestinian;Palestinians|Ramallah
PA|||Panamanian;Panamanians|Panama City
PG|||Papua New Guinean|Port Moresby
PY|||Paraguayan;Paraguayans|Asuncion;Asunción
PE|||Peruvian;Peruvians|Lima
PH|||Filipino;Filipinos;Philippine|Manila
PL|||Polish;Poles|Warsaw
PT|||Portuguese|Lisbon
QA|||Qatari;Qataris|Doha
RO|||Romanian;Romanians|Bucharest
RU|Russia|Russian Federation|Russian;Russians|Moscow
RW|||Rwandan;Rwandans|Kigali
KN||Saint Kitts and Nevis|Kittitian|Basseterre
LC||Saint Lucia|Saint Lucian|Castries
VC||Saint Vincent|Vincentian|Kingstown
WS|||Samoan;Samoans|Apia
SM|||Sammarinese|
ST||Sao Tome|Santomean|Sao Tome
SA||KSA|Saudi;Saudis;Saudi Arabian|Riyadh
SN|||Senegalese|Dakar
RS|||Serbian;Serbs;Serbians|Belgrade
SC|||Seychellois|Victoria
SL|||Sierra Leonean|Freetown
SG|||Singaporean;Singaporeans|
SK|||Slovak;Slovaks;Slovakian|Bratislava
SI|||Slovenian;Slovenians;Slovene|Ljubljana
SB|||Solomon Islander|Honiara
SO|||Somali;Somalis;Somalian|Mogadishu
ZA|||South African;South Africans|Pretoria;Cape Town
SS|||South Sudanese|Juba
ES|||Spanish;Spaniards|Madrid
LK|||Sri Lankan;Sri Lankans|Colombo
SD|||Sudanese|Khartoum
SR|||Surinamese|Paramaribo
SE|||Swedish;Swedes|Stockholm
CH|||Swiss|Bern;Berne
SY|Syria||Syrian;Syrians|Damascus
TW|Taiwan|Republic of China|Taiwanese|Taipei
TJ|||Tajik;Tajiks;Tajikistani|Dushanbe
TZ|Tanzania||Tanzanian;Tanzanians|Dodoma
TH|||Thai|Bangkok
TL||East Timor|Timorese|Dili
TG|||Togolese|Lome;Lomé
TO|||Tongan|Nuku'alofa
TT||Trinidad|Trinidadian|Port of Spain
TN|||Tunisian;Tunisians|Tunis
TR|Turkey|Türkiye;Turkiye|Turkish;Turks|Ankara
TM|||Turkmen|Ashgabat
TV|||Tuvaluan|Funafuti
UG|||Ugandan;Ugandans|Kampala
UA|||Ukrainian;Ukrainians|Kyiv;Kiev
AE|United Arab Emirates|UAE;U.A.E.;Emirates|Emirati;Emiratis|Abu Dhabi
GB|United Kingdom|UK;U.K.;Britain;Great Britain|British;Briton;Britons|London
US|United States|US;U.S.;USA;U.S.A.;United States of America;America|American;Americans|Washington;Washington D.C.
UY|||Uruguayan;Uruguayans|Montevideo
UZ|||Uzbek;Uzbeks|Tashkent
VU|||Ni-Vanuatu|Port Vila
VA|Vatican|Holy See;Vatican City|Vatican|
VE|Venezuela||Venezuelan;Venezuelans|Caracas
VN|Vietnam|Viet Nam|Vietnamese|Hanoi
YE|||Yemeni;Yemenis|Sanaa;Sana'a
ZM|||Zambian;Zambians|Lusaka
ZW|||Zimbabwean;Zimbabweans|Harare
HK|Hong Kong|Hong Kong SAR|Hong Konger;Hong Kongers|
MO|Macau|Macao;Macao SAR|Macanese|
PR|Puerto Rico||Puerto Rican;Puerto Ricans|San Juan
AS|American Samoa||American Samoan;American Samoans|Pago Pago
GU|Guam||Guamanian;Guamanians|Hagatna
VI|US Virgin Islands|U.S. Virgin Islands;United States Virgin Islands||Charlotte Amalie
GL|Greenland||Greenlandic;Greenlanders|Nuuk
FO|Faroe Islands|Faroes|Faroese|Torshavn
BM|Bermuda||Bermudian;Bermudians|
GI|Gibraltar||Gibraltarian;Gibraltarians|
"""

# Government seats and buildings used as metonyms for a country's government.
METONYMS = {
    "RU": ["Kremlin"],
    "US": ["White House", "Oval Office", "State Department", "Pentagon", "Foggy Bottom"],
    "GB": ["Downing Street", "Number 10", "No 10", "Whitehall", "Foreign Office"],
    "FR": ["Elysee", "Élysée", "Elysee Palace", "Élysée Palace", "Quai d'Orsay", "Matignon"],
    "DE": ["Chancellery", "Bundestag"],
    "CN": ["Zhongnanhai"],
    "KR": ["Blue House"],
    "JP": ["Kantei"],
    "VA": ["Holy See"],
}

# Short names and demonyms that are also common English words or names: only matched capitalised,
# and never alone as a country (e.g. "Georgia" the US state stays ambiguous but is kept; "Chad" is a
# first name). Listed here so the matcher can skip them when they look like part of a person's name.
AMBIGUOUS = ["Chad", "Jordan", "Georgia", "Guinea", "Niger", "Dominica", "Turkey", "Victoria", "Lima", "Male"]


def build() -> list[dict]:
    out = []
    for line in TABLE.strip().splitlines():
        code, short, extra, demonyms, capitals = (line.split("|") + ["", "", "", ""])[:5]
        country = pycountry.countries.get(alpha_2=code)
        names: list[str] = []
        if country is not None:
            names += [country.name]
            for attr in ("common_name", "official_name"):
                if getattr(country, attr, None):
                    names.append(getattr(country, attr))
        name = (
            short or (getattr(country, "common_name", None) if country else None) or (country.name if country else code)
        )
        aliases = [n for n in dict.fromkeys([name, *names, *filter(None, extra.split(";"))]) if "," not in n]
        out.append(
            {
                "code": code,
                "name": name,
                "aliases": aliases,
                "demonyms": [d for d in demonyms.split(";") if d],
                "capitals": [c for c in capitals.split(";") if c],
                "metonyms": METONYMS.get(code, []),
            }
        )
    return out


if __name__ == "__main__":
    countries = build()
    path = Path(__file__).with_name("countries.json")
    payload = {"countries": countries, "ambiguous": AMBIGUOUS}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(countries)} countries to {path}")
