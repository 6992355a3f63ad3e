"""Word lists for grouping names: titles, suffixes, nicknames, aliases, US state abbreviations. Pure data.

Every key is *folded* (lower case, no accents, no dots, hyphens as spaces), as :func:`entity_names.fold` makes it.
"""
from __future__ import annotations

TITLES = frozenset("""
    gen general lt lieutenant col colonel maj major capt captain sgt sergeant adm admiral cmdr commander gov governor
    sen senator rep representative pres president prof professor dr doctor mr mrs ms miss sir dame lord lady
    ayatollah sheikh imam rev reverend pope king queen prince princess judge justice minister secretary spokesman
    spokeswoman chancellor premier speaker mayor vice prime chief deputy supreme leader brig brigadier field marshal
    saint bishop cardinal attorney former congressman congresswoman councilman councilwoman ambassador
    director chairman chairwoman commissioner sheriff detective officer agent lawyer
    """.split())
# Titles that only ever precede a person's name (not "General Motors", "Justice Department").
PERSON_TITLES = frozenset("""mr mrs ms miss dr sen senator rep representative gov governor sheriff president speaker
    mayor secretary ambassador congressman congresswoman prof professor rev reverend ayatollah sheikh gen lt col
    capt sgt adm cmdr""".split())
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss"})
MALE_TITLES = frozenset({"mr"})

# Short form -> the full first name it stands for (both sides of a pair map to the same full name).
NICKNAMES = {
    "ron": "ronald", "ronnie": "ronald", "jim": "james", "jimmy": "james", "jamie": "james", "joe": "joseph",
    "joey": "joseph", "bill": "william", "billy": "william", "will": "william", "willy": "william",
    "liam": "william", "bob": "robert", "bobby": "robert", "rob": "robert", "robby": "robert", "bert": "robert",
    "mike": "michael", "mick": "michael", "mickey": "michael", "dick": "richard", "rick": "richard",
    "ricky": "richard", "rich": "richard", "chuck": "charles", "charlie": "charles", "tom": "thomas",
    "tommy": "thomas", "tony": "anthony", "dan": "daniel", "danny": "daniel", "dave": "david", "steve": "steven",
    "stephen": "steven", "chris": "christopher", "matt": "matthew", "nick": "nicholas", "pat": "patrick",
    "ted": "edward", "ed": "edward", "eddie": "edward", "ben": "benjamin", "sam": "samuel",
    "andy": "andrew", "drew": "andrew", "alex": "alexander", "greg": "gregory", "jeff": "jeffrey",
    "jerry": "gerald", "larry": "lawrence", "ken": "kenneth", "kenny": "kenneth", "don": "donald",
    "doug": "douglas", "fred": "frederick", "frank": "francis", "hank": "henry", "harry": "henry",
    "jack": "john", "johnny": "john", "jon": "jonathan", "josh": "joshua", "nate": "nathan", "pete": "peter",
    "phil": "philip", "ray": "raymond", "russ": "russell", "stan": "stanley", "tim": "timothy", "vince": "vincent",
    "walt": "walter", "zach": "zachary", "liz": "elizabeth", "beth": "elizabeth", "betsy": "elizabeth",
    "betty": "elizabeth", "lizzie": "elizabeth", "kate": "katherine", "katie": "katherine", "kathy": "katherine",
    "cathy": "catherine", "maggie": "margaret", "meg": "margaret", "peggy": "margaret", "sue": "susan",
    "susie": "susan", "jenny": "jennifer", "jen": "jennifer", "becky": "rebecca", "debbie": "deborah",
    "deb": "deborah", "patty": "patricia", "trish": "patricia", "barb": "barbara", "cindy": "cynthia",
    "mandy": "amanda", "abby": "abigail", "vicky": "victoria", "val": "valerie", "chrissy": "christine",
    "al": "albert", "bernie": "bernard", "mitch": "mitchell", "newt": "newton",
}

# Folded name -> the key of the entity it names (a country and its short forms, parties and their members).
ALIASES = {
    "united states": "us", "united states of america": "us", "usa": "us", "america": "us",
    "united kingdom": "uk", "great britain": "uk", "britain": "uk", "united nations": "un",
    "european union": "eu", "united arab emirates": "uae", "soviet union": "ussr",
    "democrat": "democrats", "democratic": "democrats", "democratic party": "democrats", "dem": "democrats",
    "dems": "democrats", "republican": "republicans", "republican party": "republicans", "gop": "republicans",
    "grand old party": "republicans", "washington dc": "washington", "washington d c": "washington",
}

# AP-style state abbreviations (folded, i.e. without dots): "Fla." -> florida, "N.H." -> new hampshire. Only
# applied to a name written with a dot, so "Miss" the title and "Wash" never become states.
STATES = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california", "colo": "colorado",
    "conn": "connecticut", "del": "delaware", "fla": "florida", "ga": "georgia", "ill": "illinois",
    "ind": "indiana", "kan": "kansas", "kans": "kansas", "ky": "kentucky", "la": "louisiana", "md": "maryland",
    "mass": "massachusetts", "mich": "michigan", "minn": "minnesota", "miss": "mississippi", "mo": "missouri",
    "mont": "montana", "neb": "nebraska", "nev": "nevada", "nh": "new hampshire", "nj": "new jersey",
    "nm": "new mexico", "ny": "new york", "nc": "north carolina", "nd": "north dakota", "okla": "oklahoma",
    "ore": "oregon", "pa": "pennsylvania", "ri": "rhode island", "sc": "south carolina", "sd": "south dakota",
    "tenn": "tennessee", "tex": "texas", "vt": "vermont", "va": "virginia", "wash": "washington state",
    "wva": "west virginia", "w va": "west virginia", "wis": "wisconsin", "wyo": "wyoming", "dc": "washington",
}

# Websites and social networks: organisations, never people or places.
NETWORKS = frozenset("""twitter facebook instagram youtube tiktok snapchat reddit linkedin whatsapp telegram
    truth social parler gab weibo wechat""".split())

# Words in a name that make it an organisation / a thing, not a person.
ORG_WORDS = frozenset("""committee party news house senate congress department ministry agency office council
    union university college school institute foundation association corporation company inc corp group bank
    court commission bureau administration campaign network times post journal fund church""".split())
# Last words that make a name a programme, a law or a vehicle: not an organisation, not listed.
NOT_ORG_LAST = frozenset({"act", "bill", "program", "programme", "plan", "amendment", "care"})

FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "to", "&", "at"})
