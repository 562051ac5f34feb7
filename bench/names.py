"""Word lists for the synthetic councils: places, people, parties, themes.

Kept apart from the shapes so the generator reads as structure, not vocabulary.
Every list is fixed, so a seed gives the same councils on every machine.
"""

from __future__ import annotations

PLACE_STARTS = (
    "Ash", "Bal", "Brad", "Bram", "Broms", "Brough", "Cal", "Chel", "Ches", "Chip", "Clay",
    "Crom", "Dart", "Dun", "East", "Elm", "Fal", "Fen", "Gains", "Glen", "Hal", "Hart", "Hay",
    "Holm", "Ips", "Kings", "Lang", "Lark", "Long", "Mal", "Mel", "Mid", "New", "North",
    "Oak", "Pen", "Ray", "Red", "Roth", "Salt", "Sand", "Scar", "South", "Stam", "Stan",
    "Stour", "Sud", "Tam", "Thorn", "Tor", "Wal", "Wart", "Wel", "West", "Whit", "Wim",
    "Wych", "York",
)
PLACE_ENDS = (
    "bury", "by", "caster", "chester", "combe", "dale", "don", "field", "ford", "gate",
    "ham", "hampton", "hurst", "ington", "ley", "mere", "minster", "mouth", "port", "shire",
    "stead", "stow", "thorpe", "ton", "wich", "wick", "worth",
)
COUNCIL_KINDS = (
    ("county_council", "County Council"), ("district_council", "District Council"),
    ("borough_council", "Borough Council"), ("unitary_council", "Council"),
    ("metropolitan_borough", "Metropolitan Borough Council"), ("city_council", "City Council"),
)

GIVEN = (
    "Aisha", "Alan", "Alison", "Amir", "Andrew", "Angela", "Ann", "Barbara", "Ben", "Bernard",
    "Carol", "Catherine", "Chris", "Claire", "Colin", "David", "Deborah", "Derek", "Diane",
    "Edward", "Eileen", "Emma", "Fatima", "Fiona", "Gary", "Gillian", "Graham", "Hannah",
    "Harpreet", "Helen", "Ian", "Imran", "Jack", "James", "Jane", "Janet", "Jennifer", "John",
    "Josephine", "Julie", "Karen", "Keith", "Kevin", "Laura", "Linda", "Liz", "Malcolm",
    "Margaret", "Mark", "Martin", "Mary", "Michael", "Mohammed", "Nadia", "Neil", "Nicola",
    "Nigel", "Olivia", "Patricia", "Paul", "Peter", "Philip", "Priya", "Rachel", "Raj",
    "Richard", "Robert", "Ruth", "Sally", "Sam", "Sandra", "Sarah", "Shirley", "Simon",
    "Stephen", "Steve", "Susan", "Tariq", "Terry", "Thomas", "Tim", "Tony", "Tracey",
    "Trevor", "Valerie", "Wendy", "Yasmin",
)
SURNAMES = (
    "Adams", "Ahmed", "Allen", "Armstrong", "Atkinson", "Bailey", "Baker", "Barker", "Bell",
    "Bennett", "Bird", "Booth", "Bradley", "Brooks", "Brown", "Butler", "Campbell", "Carter",
    "Chapman", "Clarke", "Collins", "Cook", "Cooper", "Cox", "Davies", "Dawson", "Dixon",
    "Edwards", "Ellis", "Evans", "Fisher", "Fletcher", "Foster", "Fox", "Gibson", "Graham",
    "Gray", "Green", "Griffiths", "Hall", "Harris", "Harrison", "Hill", "Holmes", "Hughes",
    "Hunt", "Hussain", "Jackson", "James", "Jenkins", "Johnson", "Jones", "Kaur", "Kelly",
    "Khan", "King", "Knight", "Lawrence", "Lee", "Lewis", "Marshall", "Martin", "Mason",
    "Matthews", "Mills", "Mitchell", "Moore", "Morgan", "Morris", "Murphy", "Oakford",
    "Owen", "Palmer", "Parker", "Patel", "Pearson", "Phillips", "Powell", "Price", "Railton",
    "Richards", "Roberts", "Robinson", "Rogers", "Russell", "Scott", "Shaw", "Singh", "Smith",
    "Stevens", "Stewart", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Ward",
    "Watson", "White", "Whittle", "Wilkinson", "Williams", "Wilson", "Wood", "Wright", "Young",
)
HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Miss")
PARTIES = (("Conservative", 30), ("Labour", 30), ("Liberal Democrat", 15), ("Green", 8),
           ("Independent", 10), ("Reform UK", 4), ("Residents' Association", 3))

#: Scrutiny themes: (committee label, remit topics).
SCRUTINY_THEMES = (
    ("Children and Young People", ["children", "education", "child protection"]),
    ("Adults and Health", ["adult social care", "health", "safeguarding adults"]),
    ("Place and Environment", ["environment", "highways", "planning", "climate"]),
    ("Resources and Performance", ["finance", "performance", "budget"]),
    ("Communities and Housing", ["housing", "community safety", "communities"]),
    ("Economy and Skills", ["economy", "skills", "regeneration"]),
)
#: Cabinet portfolios: (portfolio, topics).
PORTFOLIOS = (
    ("Children's Services", ["children", "children in care", "corporate parenting"]),
    ("Adult Social Care", ["adult social care", "safeguarding adults"]),
    ("Public Health", ["public health", "health"]),
    ("Finance and Resources", ["finance", "budget"]),
    ("Environment and Transport", ["environment", "highways", "climate"]),
    ("Housing and Regeneration", ["housing", "regeneration"]),
    ("Education and Skills", ["education", "skills"]),
    ("Communities and Safety", ["community safety", "communities"]),
    ("Economic Development", ["economy", "regeneration"]),
)
DIRECTORATES = (
    ("Children's Services", ["children", "education", "child protection"]),
    ("Adults and Health", ["adult social care", "public health"]),
    ("Place", ["environment", "highways", "planning"]),
    ("Resources", ["finance", "human resources", "ict"]),
    ("Communities", ["housing", "community safety"]),
    ("Growth and Regeneration", ["economy", "regeneration"]),
)
AREAS = ("North", "South", "East", "West", "Central", "Coastal", "Rural", "Town Centre",
         "Valley", "Upper", "Lower", "Inner")
WORKING_GROUPS = ("Climate Emergency", "Member Development", "Constitution Review",
                  "Budget Working", "Digital Inclusion", "Local Plan", "Equalities",
                  "Armed Forces Covenant", "Flood Risk", "Cost of Living")
PLACES = ("Council Chamber", "Committee Room 1", "Committee Room 2", "Committee Room 3",
          "Civic Centre", "County Hall", "Town Hall", "Online (Microsoft Teams)")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
