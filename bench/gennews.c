/* gennews.c: writes a deterministic corpus of English news prose that
 * names places all over the world, for the place-recognition benchmark
 * (bench/places.sh).
 *
 *   gennews OUT MB [CITIES500]
 *
 * writes one file OUT of MB x 1,000,000 bytes (to the byte): news articles
 * of about 1.5-12 KB each (a headline, a dateline, paragraphs of one to
 * three sentences), separated by a line holding a single form feed (\f),
 * which the benchmark uses as the document boundary and grep sees as an
 * ordinary byte.
 *
 * The prose mixes common English words with what a place recognizer meets
 * in news: capital cities and big cities as news spells them (Kyiv, New
 * Delhi, São Paulo), countries and demonyms, cities drawn from the GeoNames
 * dump given as CITIES500 (those of 15,000 people or more, as GeoNames
 * spells them, diacritics included: Kraków, Düsseldorf, Ţarţūs), and many
 * capitalised words that are not places but often share a place's name
 * (people: Jackson, Florence, Victoria; companies, agencies, weekdays,
 * months, sports teams).  About one place name per 25 words.
 *
 * Deterministic: the same arguments (and the same CITIES500 file) always
 * give the same bytes.  Without CITIES500 only the fixed lists are used.
 *
 *   gennews --times OUT MB [CITIES500]
 *
 * writes, for the time and quantity benchmark (bench/times.sh), news
 * sentences one per line (no headlines, no form feeds: a line is what
 * chrono-node is given) until MB x 1,000,000 bytes are reached (the last
 * line is whole, so the file ends a little past that).  About three in four
 * lines are written to carry dates and figures: absolute dates in the
 * usual English and numeric forms, relative ones ("last Tuesday", "three
 * weeks ago"), periods ("in early April", "between 10 and 12 March") and
 * casualty counts with qualifiers ("at least 14 civilians were killed");
 * the rest are the ordinary sentences of the default mode.  The default
 * mode's output is unchanged by this one: its code paths and the order in
 * which they draw random numbers are the same.
 *
 *   gennews --jsonl OUT MB
 *
 * writes, for the extraction benchmark (bench/extract.sh), reports of
 * violence in one of seven conflicts, one JSON object a line:
 * {"id", "text", "published", "title", "source"}, the text 2-8 KB (lines
 * are escaped with \n, paragraphs separated by a blank line), until MB x
 * 1,000,000 bytes are reached (the last line is whole).  Each report stays
 * in one conflict (its towns, areas, armed actors, communities and
 * monitors) and hangs its events on dates up to ten days before its
 * publication date; half its sentences report an event (killings with
 * their tolls, attacks, abductions, arrests, fighting, displacement,
 * protests, talks and handovers, with "according to" attributions, some
 * hedged, negated or generic), the rest are background (place, history,
 * population, analysis) and ordinary news sentences of the default mode.
 * It reseeds the generator with its own constant, so the other modes are
 * unchanged by it and a smaller corpus is a prefix of a larger one.  A
 * CITIES500 argument is ignored: the conflicts name their own places.
 *
 * Not part of libdossier; bench/places.sh, times.sh and extract.sh compile
 * it with cc -O2. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* --- places ------------------------------------------------------------------ */

/* Cities as English-language news spells them. */
static const char *const cities[] = {
    "London", "Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Dublin", "Brussels", "Amsterdam",
    "Vienna", "Prague", "Warsaw", "Budapest", "Bucharest", "Sofia", "Athens", "Istanbul",
    "Ankara", "Moscow", "St. Petersburg", "Kyiv", "Kharkiv", "Odesa", "Lviv", "Minsk",
    "Vilnius", "Riga", "Tallinn", "Helsinki", "Stockholm", "Oslo", "Copenhagen", "Reykjavik",
    "Geneva", "Zurich", "Munich", "Frankfurt", "Hamburg", "Milan", "Naples", "Barcelona",
    "Marseille", "Lyon", "Manchester", "Birmingham", "Glasgow", "Edinburgh", "Belfast",
    "Washington", "New York", "Los Angeles", "Chicago", "Houston", "Miami", "Atlanta",
    "Boston", "San Francisco", "Seattle", "Denver", "Dallas", "Phoenix", "Detroit",
    "Philadelphia", "New Orleans", "Las Vegas", "Toronto", "Montreal", "Vancouver", "Ottawa",
    "Mexico City", "Guadalajara", "Monterrey", "Havana", "Bogotá", "Caracas", "Lima", "Quito",
    "Santiago", "Buenos Aires", "Montevideo", "São Paulo", "Rio de Janeiro", "Brasília",
    "La Paz", "Asunción", "Panama City", "San Salvador", "Tegucigalpa", "Managua",
    "Port-au-Prince", "Kingston", "Cairo", "Alexandria", "Tripoli", "Tunis", "Algiers",
    "Rabat", "Casablanca", "Khartoum", "Addis Ababa", "Nairobi", "Mogadishu", "Kampala",
    "Kigali", "Dar es Salaam", "Kinshasa", "Lagos", "Abuja", "Accra", "Dakar", "Bamako",
    "Niamey", "Ouagadougou", "N'Djamena", "Johannesburg", "Cape Town", "Pretoria", "Harare",
    "Lusaka", "Maputo", "Luanda", "Beirut", "Damascus", "Aleppo", "Homs", "Baghdad", "Mosul",
    "Basra", "Tehran", "Riyadh", "Jeddah", "Dubai", "Abu Dhabi", "Doha", "Kuwait City",
    "Muscat", "Sanaa", "Aden", "Amman", "Jerusalem", "Tel Aviv", "Gaza", "Ramallah", "Kabul",
    "Kandahar", "Islamabad", "Karachi", "Lahore", "Peshawar", "New Delhi", "Mumbai",
    "Kolkata", "Chennai", "Bengaluru", "Hyderabad", "Dhaka", "Kathmandu", "Colombo",
    "Yangon", "Naypyidaw", "Bangkok", "Hanoi", "Ho Chi Minh City", "Phnom Penh", "Vientiane",
    "Kuala Lumpur", "Singapore", "Jakarta", "Manila", "Beijing", "Shanghai", "Hong Kong",
    "Shenzhen", "Guangzhou", "Wuhan", "Chengdu", "Taipei", "Seoul", "Pyongyang", "Tokyo",
    "Osaka", "Sydney", "Melbourne", "Brisbane", "Perth", "Auckland", "Wellington", "Tbilisi",
    "Yerevan", "Baku", "Tashkent", "Almaty", "Astana", "Bishkek", "Dushanbe", "Ulaanbaatar",
};

static const char *const countries[] = {
    "Ukraine", "Russia", "France", "Germany", "Italy", "Spain", "Poland", "Britain",
    "the United States", "Canada", "Mexico", "Brazil", "Argentina", "Colombia", "Venezuela",
    "Chile", "Peru", "China", "Japan", "India", "Pakistan", "Afghanistan", "Iran", "Iraq",
    "Syria", "Lebanon", "Israel", "Jordan", "Egypt", "Libya", "Sudan", "South Sudan",
    "Ethiopia", "Somalia", "Kenya", "Nigeria", "Niger", "Mali", "Chad", "South Africa",
    "Turkey", "Greece", "Hungary", "Romania", "Serbia", "Georgia", "Armenia", "Azerbaijan",
    "Kazakhstan", "Indonesia", "the Philippines", "Vietnam", "Thailand", "Myanmar",
    "Bangladesh", "Sri Lanka", "Nepal", "Australia", "New Zealand", "Saudi Arabia", "Yemen",
    "Qatar", "Haiti", "Cuba", "Ecuador", "Bolivia", "the Democratic Republic of Congo",
    "Rwanda", "Uganda", "Tanzania", "Mozambique", "Zimbabwe", "Morocco", "Algeria", "Tunisia",
};

static const char *const demonyms[] = {
    "Ukrainian", "Russian", "French", "German", "Italian", "Spanish", "Polish", "British",
    "American", "Canadian", "Mexican", "Brazilian", "Chinese", "Japanese", "Indian",
    "Pakistani", "Iranian", "Iraqi", "Syrian", "Israeli", "Palestinian", "Egyptian",
    "Sudanese", "Ethiopian", "Kenyan", "Nigerian", "Turkish", "Greek", "Australian",
    "Saudi", "Afghan", "South Korean", "North Korean", "Indonesian", "Filipino",
};

static const char *const regions[] = {
    "Europe", "Africa", "Asia", "Latin America", "the Middle East", "the Sahel", "the Balkans",
    "the Caucasus", "Central Asia", "Southeast Asia", "the Gulf", "the Horn of Africa",
    "the Pacific", "Scandinavia", "the Caribbean", "the Mediterranean", "the Black Sea",
};

/* Cities read from CITIES500: population >= 15,000, in file order. */
static char **dump_names;
static size_t n_dump;

static void load_dump(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "gennews: %s: %s (using the fixed lists only)\n", path, strerror(errno));
        return;
    }
    char *line = NULL;
    size_t cap = 0, have = 0;
    while (getline(&line, &cap, f) > 0) {
        /* columns: 0 id, 1 name, ..., 14 population */
        char *col[16];
        size_t nc = 0;
        col[nc++] = line;
        for (char *p = line; *p && nc < 16; p++)
            if (*p == '\t') {
                *p = '\0';
                col[nc++] = p + 1;
            }
        if (nc < 16 || !col[1][0] || strtoul(col[14], NULL, 10) < 15000)
            continue;
        if (n_dump == have) {
            have = have ? have * 2 : 4096;
            char **v = realloc(dump_names, have * sizeof *v);
            if (!v) {
                fputs("gennews: out of memory\n", stderr);
                exit(1);
            }
            dump_names = v;
        }
        size_t n = strlen(col[1]);
        char *s = malloc(n + 1);
        if (!s) {
            fputs("gennews: out of memory\n", stderr);
            exit(1);
        }
        memcpy(s, col[1], n + 1);
        dump_names[n_dump++] = s;
    }
    free(line);
    fclose(f);
}

static void city(buf *b)
{
    if (n_dump && chance(40))
        put(b, dump_names[below((unsigned)n_dump)]);
    else
        put(b, PICK(cities));
}

/* --- words that are not places ----------------------------------------------- */

static const char *const first_names[] = {
    "John", "Mary", "James", "Patricia", "Michael", "Jennifer", "David", "Linda", "Ahmed",
    "Fatima", "Olena", "Dmytro", "Wei", "Li", "Hiroshi", "Yuki", "Priya", "Rahul", "Carlos",
    "Ana", "Luis", "Sofia", "Pierre", "Marie", "Hans", "Anna", "Giovanni", "Chiara", "Kwame",
    "Amina", "Chidi", "Ngozi", "Omar", "Layla", "Sergei", "Natalia", "Florence", "Victoria",
    "Jackson", "Austin", "Madison", "Sydney", "Paris", "Dallas", "Georgia", "Chelsea",
    "Lincoln", "Cameron", "Jordan", "Adelaide", "Charlotte", "Eugene", "Santiago", "Aurora",
};

static const char *const surnames[] = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Lopez",
    "Martin", "Lee", "Wang", "Zhang", "Tanaka", "Sato", "Kumar", "Singh", "Khan", "Hassan",
    "Ali", "Ivanov", "Kovalenko", "Shevchenko", "Müller", "Schmidt", "Rossi", "Dubois",
    "Moreau", "Silva", "Santos", "Okafor", "Mensah", "Mwangi", "Nguyen", "Kim", "Park",
    "Washington", "Lincoln", "Jackson", "Houston", "Austin", "Kent", "York", "Lancaster",
    "Chester", "Preston", "Hamilton", "Sherman", "Warren", "Marion", "Clinton", "Boyd",
};

static const char *const roles[] = {
    "President", "Prime Minister", "Foreign Minister", "Defence Minister", "Finance Minister",
    "Interior Minister", "Governor", "Mayor", "Senator", "General", "Chancellor",
    "Secretary-General", "spokesperson", "chief executive", "economist", "analyst",
    "professor", "police chief", "health minister", "ambassador", "coach", "striker",
};

static const char *const orgs[] = {
    "the United Nations", "NATO", "the European Union", "the World Bank",
    "the International Monetary Fund", "the World Health Organization", "the Red Cross",
    "Reuters", "the Associated Press", "Bloomberg", "the Federal Reserve",
    "the European Central Bank", "the Bank of England", "the Bank of Japan", "OPEC",
    "the African Union", "Amnesty International", "Human Rights Watch",
    "Doctors Without Borders", "the Pentagon", "the Kremlin", "the White House",
    "the State Department", "the Foreign Office", "Parliament", "the Senate", "Congress",
    "the Supreme Court", "the interior ministry", "the central bank", "Apple", "Microsoft",
    "Google", "Amazon", "Toyota", "Volkswagen", "Shell", "BP", "Samsung", "General Motors",
    "Boeing", "Airbus", "Tesla", "Nestlé", "Siemens", "the Olympic Committee", "FIFA", "UEFA",
};

static const char *const teams[] = {
    "Real Madrid", "Barcelona", "Manchester United", "Liverpool", "Chelsea", "Arsenal",
    "Bayern Munich", "Juventus", "Inter Milan", "Paris Saint-Germain", "Ajax", "Benfica",
    "the Lakers", "the Yankees", "the Celtics", "the Dallas Cowboys", "Boca Juniors",
};

static const char *const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
};

static const char *const agencies[] = {
    "Reuters", "AP", "AFP", "Bloomberg", "dpa", "Xinhua", "Kyodo", "Anadolu", "EFE", "ANSA",
};

static const char *const adjectives[] = {
    "new", "major", "key", "senior", "local", "regional", "national", "international",
    "fresh", "heavy", "sharp", "modest", "strong", "weak", "growing", "rare", "early", "late",
    "brief", "long-awaited", "controversial", "widespread", "sudden", "annual", "record",
    "unexpected", "cautious", "firm", "sweeping", "limited", "renewed", "temporary",
};

static const char *const topics[] = {
    "talks", "elections", "protests", "inflation", "interest rates", "the budget",
    "trade tariffs", "energy prices", "the ceasefire", "the peace plan", "climate policy",
    "the vaccine rollout", "the housing market", "unemployment", "migration", "wages",
    "exports", "oil output", "the currency", "public debt", "the drought", "the floods",
    "the wildfires", "the strike", "security", "the reforms", "food prices", "the harvest",
};

static const char *const verbs_said[] = {
    "said", "told reporters", "said in a statement", "told a news conference", "wrote",
    "added", "warned", "said on Tuesday", "said late on Friday", "told lawmakers",
};

static const char *const events[] = {
    "an earthquake", "a car bomb", "heavy rain", "a heatwave", "a power cut", "a cyberattack",
    "a train crash", "a fire", "a storm", "a drone strike", "a landslide", "clashes",
    "a strike by transport workers", "a cholera outbreak", "a mass protest",
};

static const char *const quotes[] = {
    "We are doing everything we can, but the situation remains very difficult",
    "This is a decisive moment for the whole region",
    "Nobody expected the numbers to move this fast",
    "We will not accept any deal that ignores the people on the ground",
    "Prices have gone up every week and families cannot keep up",
    "The talks were frank and, in places, constructive",
    "It is too early to say what this means for the rest of the year",
    "We need more help, and we need it now",
};

/* --- sentences ------------------------------------------------------------------ */

/* Slots: %P city, %C country, %M demonym, %G region, %R person, %L surname,
 * %K role, %O organisation, %T team, %W weekday, %H month, %N number,
 * %F a percentage's figure, %I a goal count, %J adjective, %S topic, %E said-verb, %V event, %Q quotation,
 * %Y year, %% a percent sign; and for the times mode (below) %D, %A, %B, %X
 * and %Z. */
static const char *const templates[] = {
    "%K %R %E that %S would dominate the agenda when leaders meet in %P next week.",
    "Officials in %P said %N people had been killed and dozens injured after %V on %W.",
    "The %M government announced %J measures on %S on %W, hours after talks in %P ended without a deal.",
    "%O %E that growth in %C would slow to %F%% this year, citing %S and weak demand in %G.",
    "Shares in %O rose %F%% in early trading in %P after the company raised its outlook.",
    "\"%Q,\" %R, a %K in %P, %E.",
    "“%Q,” said %R, who travelled from %P to %P for the meeting.",
    "Thousands of people marched through the centre of %P on %W to protest against %S.",
    "The flight from %P to %P was diverted to %P because of %V, the airline said.",
    "%R, a %K at %O, said the %J decline in %S was unlikely to last beyond %H.",
    "Police in %P arrested %N people after %V near the main square, a spokesperson said.",
    "The ministry said %N tonnes of grain had left ports near %P since %H, most of it bound for %C.",
    "%T beat %T %I-%I on %W, with %L scoring twice in the second half.",
    "The match in %P was postponed because of %V, organisers said.",
    "Rescue teams were still searching for survivors in %P and nearby towns on %W night.",
    "Delegations from %C and %C met in %P for a %J round of %S.",
    "%K %L is expected to visit %P and %P later this month, according to %O.",
    "Prices of bread and fuel in %P rose by %F%% in %H, the statistics office said.",
    "The %J agreement, signed in %P in %Y, expires at the end of %H.",
    "Residents of %P said they had been without electricity for %N days.",
    "%O said it had opened an office in %P to coordinate aid to %G.",
    "The storm made landfall near %P early on %W, bringing winds of up to %N kilometres per hour.",
    "Hospitals in %P and %P reported a sharp rise in admissions over the weekend.",
    "The %M embassy in %P said it was in contact with local authorities.",
    "Analysts at %O expect the central bank in %P to keep rates on hold until %H.",
    "More than %N migrants have crossed from %C into %C since the start of %Y, %O said.",
    "The festival, held in %P every %H since %Y, drew a record crowd of %N.",
    "%R was born in %P and studied in %P before moving to %C.",
    "The company plans to build a %J factory outside %P, creating %N jobs.",
    "Talks on %S will resume in %P on %W, a diplomat familiar with the matter said.",
    "The court in %P sentenced %N men to prison for their role in %V.",
    "Floods have displaced %N families in %C, with the worst damage around %P.",
    "Trains between %P and %P were cancelled on %W because of %V.",
    "%M and %M officials met on the sidelines of the summit in %P.",
    "It was the %J such incident in %G this year, according to %O.",
    "The mayor of %P, %R, said the city would need years to rebuild.",
    "Exports from %C to %G fell %F%% in %H from a year earlier.",
    "The volcano near %P erupted on %W, sending ash %N metres into the air.",
    "%O will hold its annual meeting in %P in %H, its first outside %G since %Y.",
    "A spokesperson for %O declined to comment on the reports from %P.",
    "The ceasefire around %P largely held overnight, residents said, although shelling was heard near %P.",
    "Schools in %P will stay closed until %W because of %V.",
    "Tourism to %P has recovered to pre-pandemic levels, with visitors from %C and %C leading the rebound.",
    "The report, published on %W, ranks %P among the most expensive cities in %G.",
    "The opposition called for a recount in %P, where the result was decided by %N votes.",
    "Farmers in %G have been hit hard by %S, and many have moved to %P in search of work.",
    "The new rail link will cut the journey between %P and %P to %N hours.",
    "In %Y, %R led a delegation to %P, where the two sides agreed to reopen the border.",
    "Weather forecasters warned of %J heat across %C, with temperatures in %P expected to reach %N degrees.",
    "The price of Brent crude rose %F%% after reports of %V near %P.",
    "Investors will watch %S closely this week, with data due from %C on %W.",
    "Most of the people interviewed said they had little faith that the talks would change anything.",
    "The government said it would announce further steps in the coming weeks.",
    "It was not immediately clear how many people had been affected.",
    "The decision is likely to be challenged in court, legal experts said.",
    "The figures were higher than most economists had expected.",
};

/* Sentences without a place slot: most of a news story's words. */
static const char *const fillers[] = {
    "The move was widely expected after weeks of speculation in the local press.",
    "Critics said the plan did not go far enough and would do little to ease the pressure on households.",
    "%R, a %K, said the government had been slow to respond and that many people still did not know where to turn for help.",
    "\"%Q,\" %R %E.",
    "The announcement came as %S continued to weigh on consumer confidence, which fell for a third month in a row.",
    "Officials have not said how much the programme will cost or how it will be paid for.",
    "The number of people affected could rise as more information becomes available, the agency said.",
    "%O said it would publish a full report on its findings by the end of %H.",
    "Both sides have accused each other of breaking earlier agreements, and neither has shown much sign of backing down.",
    "The company said it expected sales to recover in the second half of the year as supply problems eased.",
    "Under the proposal, which still needs the approval of lawmakers, the retirement age would rise gradually over the next decade.",
    "%R, who has held the post since %Y, is widely seen as a likely candidate for the top job.",
    "Investors have grown more cautious in recent weeks, worried that higher borrowing costs will slow the economy.",
    "The ministry did not respond to a request for comment.",
    "Many of those who spoke to reporters asked not to be named because they feared reprisals.",
    "The %J measures include tax cuts for small businesses, support for energy bills and an increase in the minimum wage.",
    "Some economists warned that the plan could push up inflation at a time when prices are already rising quickly.",
    "The vote is expected to be close, with several members of the ruling party still undecided.",
    "Doctors said most of the injured were in a stable condition, although %N remained in intensive care.",
    "The incident has raised fresh questions about safety standards and the oversight of private contractors.",
    "Supporters of the bill say it will create jobs and attract investment, while opponents argue it will harm the environment.",
    "The talks are the first of their kind in more than %N years and are being closely watched by the markets.",
    "A full investigation has been opened, and the results are expected within %N weeks.",
    "Turnout was lower than at the previous election, according to preliminary figures released on %W.",
    "The players returned to training on %W after a short break, and the coach said he expected a difficult game.",
    "The central bank raised its main interest rate by a quarter of a percentage point, its %J increase this year.",
    "The shortage of skilled workers has become one of the biggest problems facing employers, a survey found.",
    "%R said the decision had been taken after careful consideration of all the options.",
    "The organisation has repeatedly called for more funding, saying its teams are stretched to the limit.",
    "Prices for basic goods such as rice, cooking oil and sugar have almost doubled since the start of the year.",
    "Rescue workers used heavy machinery to clear the debris, and volunteers handed out water and blankets.",
    "The report found that women and children were the most likely to be affected by the cuts.",
    "It is the %J time in %N years that the party has lost control of the chamber.",
    "Shares in the company fell sharply after the results were published, wiping billions off its market value.",
    "Experts say the outbreak is unlikely to spread widely, but they urged people to remain vigilant.",
    "The new rules will take effect on %N %H and apply to all companies with more than %N employees.",
    "Several people were treated for smoke inhalation, and firefighters worked through the night to contain the blaze.",
    "The government has promised to review the policy, but it has given no timetable.",
    "Police said they were looking for witnesses and asked anyone with information to come forward.",
    "The agreement still has to be ratified by national parliaments before it can come into force.",
};

/* --- the --times mode: sentences dense in dates and figures ------------------ */

/* Slots of the times mode (see emit_sentence): %D an absolute date, %A a
 * relative expression, %B a period, %X a count of people, %Z what happened
 * to them. */
static const char *const times_templates[] = {
    "%X %Z in %P on %D, %O said.",
    "On %D, %X %Z when %V hit %P.",
    "%A, %X %Z near %P, according to %O.",
    "The clashes began on %D and ended %A, leaving %X dead.",
    "%O said %X had been displaced from %P %B.",
    "Between %D and %D, %X %Z across %G.",
    "%B, %X %Z in %C, the highest toll since %Y.",
    "Police said %X %Z on %W night and %N more %A.",
    "The report, dated %D, counts %X killed and %N injured %B.",
    "%X %Z in %P %A; %N bodies were recovered %A.",
    "The ceasefire agreed on %D collapsed %A, and %X %Z.",
    "Aid reached %P %B, %N days after %V; %X had fled.",
    "%R said %X %Z %A in %P.",
    "Prices in %P rose %F%% %B, and %N families asked for help %A.",
    "The court in %P will rule on %D on the detention of %X.",
    "By %D, %X had returned to %P, up from %N %A.",
    "%K %R, speaking %A, said %X %Z during %V on %D.",
    "Residents said the shelling started %A and that %X %Z %B.",
};

static const char *const rel_times[] = {
    "yesterday", "last week", "last month", "last year", "two days later", "three weeks ago",
    "10 days ago", "earlier this month", "the following day", "the day before", "this morning",
    "a week earlier", "next Friday", "last Tuesday", "on Monday", "on Sunday night",
    "four days later", "a month ago", "earlier this year", "on Thursday morning",
};

static const char *const count_nouns[] = {
    "civilians", "people", "residents", "villagers", "children", "women", "men",
    "soldiers", "fighters", "protesters", "families", "workers", "students", "refugees",
};

static const char *const count_roles[] = {
    "were killed", "were injured", "were wounded", "were detained", "were abducted",
    "were arrested", "fled their homes", "were displaced", "died", "were taken hostage",
};

static const char *const count_words[] = {
    "two", "three", "five", "seven", "ten", "twelve", "fifteen", "twenty", "twenty-one",
    "forty", "a hundred", "two hundred",
};

static void times_day(unsigned *y, unsigned *m, unsigned *d)
{
    *y = 2022 + below(4);
    *m = 1 + below(12);
    *d = 1 + below(28); /* valid in every month */
}

static void times_date(buf *b)
{
    unsigned y, m, d;
    times_day(&y, &m, &d);
    const char *mn = months[m - 1];
    switch (below(8)) {
    case 0: case 1: putf(b, "%u %s %u", d, mn, y); break;
    case 2: putf(b, "%s %u, %u", mn, d, y); break;
    case 3: putf(b, "%u %s", d, mn); break;
    case 4: putf(b, "%s %u", mn, d); break;
    case 5: putf(b, "%04u-%02u-%02u", y, m, d); break;
    case 6: putf(b, "%u/%u/%u", m, d, y); break;
    default: putf(b, "%s, %u %s %u", weekdays[below(7)], d, mn, y); break;
    }
}

static void times_period(buf *b)
{
    unsigned y, m, d;
    times_day(&y, &m, &d);
    const char *mn = months[m - 1];
    static const char *const seasons[] = {"spring", "summer", "autumn", "winter"};
    switch (below(10)) {
    case 0:
        if (chance(33))
            putf(b, "in mid-%s", mn);
        else
            putf(b, "in %s %s", chance(50) ? "early" : "late", mn);
        break;
    case 1: putf(b, "in mid-%u", y); break;
    case 2: putf(b, "since %s", mn); break;
    case 3: putf(b, "in %s %u", mn, y); break;
    /* ranges end at most three days later, still inside any month */
    case 4: d = d > 25 ? d - 3 : d; putf(b, "between %u and %u %s", d, d + 1 + below(3), mn); break;
    case 5: d = d > 25 ? d - 3 : d; putf(b, "from %u to %u %s %u", d, d + 1 + below(3), mn, y); break;
    case 6: putf(b, "in the %s of %u", seasons[below(4)], y); break;
    case 7: putf(b, "by the end of %s", mn); break;
    case 8: putf(b, "in late %u", y); break;
    default: putf(b, "during %u", y); break;
    }
}

static void times_count(buf *b)
{
    const char *noun = PICK(count_nouns);
    unsigned x = below(1000);
    switch (below(12)) {
    case 0: putf(b, "at least %u %s", 2 + x % 60, noun); break;
    case 1: putf(b, "some %u,%03u %s", 1 + x % 9, below(1000), noun); break;
    case 2: putf(b, "between %u and %u %s", 10 + x % 40, 60 + x % 40, noun); break;
    case 3: putf(b, "dozens of %s", noun); break;
    case 4: putf(b, "nearly %u.%u million %s", 1 + x % 3, x % 10, noun); break;
    case 5: putf(b, "more than %u %s", 100 + x, noun); break;
    case 6: putf(b, "%s %s", PICK(count_words), noun); break;
    case 7: putf(b, "up to %u %s", 5 + x % 95, noun); break;
    case 8: putf(b, "hundreds of %s", noun); break;
    case 9: putf(b, "about %u %s", 20 + x % 480, noun); break;
    case 10: putf(b, "no fewer than %u %s", 100 + x, noun); break;
    default: putf(b, "%u %s", 2 + x % 30, noun); break;
    }
}

static void emit_sentence(buf *b, const char *t);
static void capitalize(buf *b, size_t at);

/* One line of the times mode. */
static void times_line(buf *b)
{
    size_t at = b->len;
    unsigned r = below(100);
    emit_sentence(b, r < 75 ? PICK(times_templates) : r < 88 ? PICK(templates) : PICK(fillers));
    capitalize(b, at);
    putc_(b, '\n');
}

/* --- the --jsonl mode: conflict reports for `dossier extract --jsonl` ---------- */

/* One conflict a report stays in: its towns, wider areas, armed actors,
 * communities and the monitors that count its dead.  Names only; every
 * sentence around them is a template below.  Lists end at the first NULL. */
enum { THEATRE_LIST = 21 };
typedef struct {
    const char *country;
    const char *towns[THEATRE_LIST], *areas[THEATRE_LIST], *actors[THEATRE_LIST];
    const char *groups[THEATRE_LIST], *monitors[THEATRE_LIST];
} theatre;

static const theatre theatres[] = {
    {"Syria",
     {"Homs", "Hama", "Latakia", "Tartus", "Jableh", "Baniyas", "Idlib", "Aleppo", "Deir ez-Zor",
      "Raqqa", "Daraa", "Suwayda", "Qardaha", "Masyaf", "Salamiyah", "Manbij", "Afrin", "Douma",
      "Talkalakh", "Qusayr"},
     {"Homs province", "the Hama countryside", "the coastal region", "rural Latakia",
      "Idlib province", "eastern Deir ez-Zor", "Daraa governorate", "Suwayda province"},
     {"General Security", "Hayat Tahrir al-Sham", "the Syrian National Army",
      "the Syrian Democratic Forces", "the National Defence Forces", "Men of Dignity",
      "Islamic State", "Turkish Armed Forces", "Saraya Ansar al-Sunna"},
     {"Alawite", "Druze", "Christian", "Kurdish", "Ismaili", "Sunni", "Turkmen", "Bedouin"},
     {"the Syrian Observatory for Human Rights", "the Syrian Network for Human Rights", "SOHR",
      "SNHR", "local activists", "the UN human rights office"}},
    {"Sudan",
     {"El Fasher", "Geneina", "Nyala", "Omdurman", "Khartoum", "Wad Madani", "Kadugli",
      "El Obeid", "Tawila", "Kutum", "Sennar", "Babanusa"},
     {"North Darfur", "West Darfur", "South Kordofan", "Gezira state", "Khartoum state",
      "North Kordofan", "Blue Nile state"},
     {"the Rapid Support Forces", "the RSF", "the Sudanese Armed Forces", "SPLM-N al-Hilu",
      "the Sudan Liberation Army", "the Sudan Shield Forces", "the al-Baraa bin Malik Brigade"},
     {"Masalit", "Zaghawa", "Fur", "Nuba", "Arab"},
     {"the Sudan Doctors Network", "the Emergency Lawyers", "local resistance committees",
      "the UN migration agency", "a medical charity working in the area"}},
    {"Myanmar",
     {"Sittwe", "Maungdaw", "Buthidaung", "Myitkyina", "Lashio", "Hpakant", "Monywa",
      "Mandalay", "Kyaukphyu", "Hpa-an", "Loikaw", "Mindat"},
     {"Rakhine State", "Sagaing Region", "Kachin State", "northern Shan State", "Karenni State",
      "Chin State", "Magway Region"},
     {"the Myanmar military", "the Arakan Army", "the People's Defence Force",
      "the Kachin Independence Army", "Pyu Saw Htee", "the Karen National Union",
      "the Ta'ang National Liberation Army"},
     {"Rohingya", "Karen", "Kachin", "Chin", "Rakhine", "Shan"},
     {"the Assistance Association for Political Prisoners", "Radio Free Asia",
      "local aid workers", "the UN rights office", "a village administrator"}},
    {"Ukraine",
     {"Kharkiv", "Kherson", "Zaporizhzhia", "Pokrovsk", "Kramatorsk", "Sloviansk", "Sumy",
      "Nikopol", "Odesa", "Kostiantynivka", "Dnipro", "Chernihiv"},
     {"the Donetsk region", "the Kharkiv region", "the Kherson region",
      "the Zaporizhzhia region", "the Sumy region", "the Dnipropetrovsk region"},
     {"Russian forces", "the Russian Armed Forces", "the Armed Forces of Ukraine",
      "the National Guard of Ukraine", "the Wagner Group", "Rosgvardia"},
     {"Crimean Tatar", "Roma", "Greek"},
     {"the regional governor", "the UN Human Rights Monitoring Mission in Ukraine",
      "the prosecutor general's office", "local officials", "the state emergency service"}},
    {"Mali",
     {"Gao", "Mopti", "Timbuktu", "Ménaka", "Djibo", "Kaya", "Dori", "Ouahigouya", "Tillabéri",
      "Bankass", "Barsalogho", "Diafarabé"},
     {"the Mopti region", "the Centre-Nord region", "the Tillabéri region",
      "the Liptako-Gourma area", "the Sahel region of Burkina Faso", "central Mali"},
     {"Jama'at Nusrat al-Islam wal-Muslimin", "JNIM", "Islamic State Sahel Province",
      "the Malian Armed Forces", "the Wagner Group", "Africa Corps",
      "the Volunteers for the Defence of the Homeland", "Dan Na Ambassagou"},
     {"Fulani", "Dogon", "Tuareg", "Mossi", "Bambara"},
     {"Human Rights Watch", "the UN mission", "a local elected official", "community leaders",
      "a humanitarian source"}},
    {"the Palestinian territories",
     {"Khan Younis", "Rafah", "Jabalia", "Deir al-Balah", "Beit Lahia", "Nuseirat",
      "Gaza City", "Jenin", "Nablus", "Tulkarm", "Hebron", "Tubas"},
     {"northern Gaza", "southern Gaza", "the occupied West Bank", "the Jenin area",
      "the Jordan Valley"},
     {"the Israel Defense Forces", "Israeli forces", "Hamas", "Palestinian Islamic Jihad",
      "settlers", "the Palestinian Authority Security Forces", "the al-Qassam Brigades"},
     {"Bedouin", "Palestinian", "Christian"},
     {"the Gaza health ministry", "the Palestinian Red Crescent", "OCHA", "B'Tselem",
      "hospital officials"}},
    {"Congo",
     {"Goma", "Bunia", "Beni", "Butembo", "Djugu", "Rutshuru", "Masisi", "Bukavu", "Uvira",
      "Kiwanja", "Oicha", "Mahagi"},
     {"North Kivu", "Ituri province", "South Kivu", "Beni territory", "Djugu territory"},
     {"M23", "the Allied Democratic Forces", "the ADF", "CODECO", "Wazalendo",
      "the Armed Forces of the Democratic Republic of the Congo", "Twirwaneho"},
     {"Hema", "Lendu", "Banyamulenge", "Nande", "Hunde"},
     {"the Kivu Security Tracker", "civil society leaders", "MONUSCO", "a local chief",
      "Médecins Sans Frontières"}},
};

/* Perpetrators every conflict has and reports rarely name. */
static const char *const generic_actors[] = {
    "security forces", "gunmen", "armed men", "unknown assailants", "government forces",
    "militiamen", "masked men", "pro-government fighters", "rebels", "insurgents",
    "soldiers", "police", "fighters loyal to the former government", "a local militia",
};

static const char *const means[] = {
    "a drone", "an artillery shell", "a roadside bomb", "a car bomb", "mortar fire",
    "an air strike", "a rocket", "a landmine", "a grenade", "a suicide bomber",
};

static const char *const officials[] = {
    "a local official", "medical sources", "a doctor at the main hospital",
    "a spokesman for the regional authorities", "two residents", "a relative of one victim",
    "the interior ministry", "a humanitarian worker", "a community elder",
};

static const char *const outlets[] = {
    "Northline Wire", "The Frontier Ledger", "Crossroads Monitor", "Riverside Daily",
    "Eastbridge Press", "Highland Bulletin", "Reuters", "Agence France-Presse",
    "Associated Press", "Human Rights Watch", "Amnesty International", "OCHA",
};

static const char *const victim_nouns[] = {
    "civilians", "people", "villagers", "residents", "men", "farmers", "shepherds",
    "workers", "passengers", "displaced people", "fighters", "soldiers", "police officers",
    "children", "women", "worshippers", "students",
};

/* The report being written: its conflict and its publication day (days
 * since 1970-01-01), on which every event date hangs. */
static struct {
    const theatre *t;
    long pub;
} rep;

static long days_from_civil(unsigned y, unsigned m, unsigned d)
{
    /* Howard Hinnant's algorithm, for years after 1970 only */
    y -= m <= 2;
    unsigned era = y / 400, yoe = y - era * 400;
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (long)era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, unsigned *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = z / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (unsigned)(yoe + era * 400) + (*m <= 2);
}

/* weekdays[] starts on Monday; 1970-01-01 was a Thursday. */
static const char *weekday_of(long day) { return weekdays[(day + 3) % 7]; }

/* One name of a theatre's list (which ends at the first NULL). */
static const char *pick_from(const char *const *v)
{
    unsigned n = 0;
    while (n < THEATRE_LIST && v[n])
        n++;
    return v[below(n)];
}

/* %a: a named actor of the conflict, or a generic description. */
static void jl_actor(buf *b)
{
    if (chance(55))
        put(b, pick_from(rep.t->actors));
    else
        put(b, PICK(generic_actors));
}

/* %d: the day of an event, up to ten days before publication, as reports
 * write it: a weekday within the week, "yesterday", a day and month, with
 * or without the year. */
static void jl_date(buf *b)
{
    unsigned off = below(11), y, m, d;
    long day = rep.pub - (long)off;
    civil_from_days(day, &y, &m, &d);
    const char *mn = months[m - 1], *wd = weekday_of(day);
    unsigned r = below(10);
    if (off == 1 && r < 2)
        put(b, "yesterday");
    else if (off < 7 && r < 3)
        putf(b, "%son %s", r == 2 ? "late " : "", wd);
    else if (r < 5)
        putf(b, "on %u %s", d, mn);
    else if (r < 6)
        putf(b, "on %s %u", mn, d);
    else if (r < 8)
        putf(b, "on %u %s %u", d, mn, y);
    else if (r < 9)
        putf(b, "on the night of %u %s", d, mn);
    else
        putf(b, "early on %s, %u %s", wd, d, mn);
}

static const char *const small_words[] = {"two", "three", "four", "five", "six"};

/* %k: the victims, with the figure as reports hedge it. */
static void jl_victims(buf *b)
{
    const char *noun = PICK(victim_nouns);
    unsigned n = 2 + below(40);
    switch (below(10)) {
    case 0: case 1: putf(b, "at least %u %s", n, noun); break;
    case 2: putf(b, "%u %s", n, noun); break;
    case 3: putf(b, "%s %s", PICK(count_words), noun); break;
    case 4: putf(b, "%u %s civilians", n, pick_from(rep.t->groups)); break;
    case 5: putf(b, "more than %u %s", 10 + n, noun); break;
    case 6: putf(b, "up to %u %s", n, noun); break;
    case 7: putf(b, "a woman and her %s children", PICK(small_words)); break;
    case 8: putf(b, "%u members of one family", 3 + n % 9); break;
    default: putf(b, "some %u %s", 5 + n, noun); break;
    }
}

/* %y: a year of the conflict's history. */
static void jl_year(buf *b) { putf(b, "%u", 2011 + below(13)); }

/* What happened: killings, attacks, abductions and arrests, fighting,
 * displacement, protests, talks and handovers; some hedged, one negated,
 * one a pattern rather than an incident.  Slots: %a actor (%e a named
 * one), %p town, %r area, %c country, %g community, %m monitor, %d event
 * day, %k victims, %n a small figure, %x a weapon, %o an official source,
 * %s an outlet, %y a year. */
static const char *const jl_events[] = {
    "%k were killed %d when %a opened fire on a minibus near %p, %m said.",
    "%a shot dead %k at a checkpoint outside %p %d, according to %m.",
    "%k, most of them %g, were killed in a raid on a village in %r %d.",
    "Residents of %p said %a had stormed their neighbourhood %d and taken away %k.",
    "%m documented the killing of %k in %p and the surrounding villages %d.",
    "%x struck a crowded market in %p %d, killing %k and wounding %n others, %m said.",
    "%a said it had taken control of %p %d after two days of heavy fighting with %a.",
    "At least %n people were wounded when %x hit a residential building in %p %d.",
    "%m reported that %k had been detained by %a in %r over the past week.",
    "The bodies of %k were found %d on the outskirts of %p, %o told %s.",
    "Unknown assailants killed a %g farmer and his two sons in their fields near %p %d.",
    "Witnesses said the attackers arrived in pickup trucks and set fire to houses belonging to %g families in %p.",
    "%a denied any involvement and blamed %a for the attack on %p.",
    "More than %n families fled %p %d as fighting between %a and %a moved closer to the town.",
    "Thousands of people took refuge in schools and mosques in %p after the attack, %m said.",
    "Hundreds of people protested in %p %d against the killings, demanding that those responsible be put on trial.",
    "A local commander said %a had handed over %n heavy weapons to %a under a deal reached %d.",
    "Talks between community elders and %a in %p ended %d with an agreement to reopen the main road.",
    "%a withdrew from %p %d, ending a siege that had lasted %n days, %m said.",
    "The health authorities said %k had been killed and %n injured across %r over the past %n days.",
    "Two aid workers were abducted on the road between %p and %p %d, their employer said.",
    "According to %m, %k were executed after being taken from their homes in %p.",
    "%k were reportedly killed in shelling of %p %d, though the toll could not be independently verified.",
    "A curfew was imposed in %p %d after %n people were killed in clashes between %g and %g residents.",
    "Drone strikes on %p %d killed %k and wounded %n others, %m said.",
    "%a claimed responsibility for an ambush on a military convoy near %p that killed %n soldiers %d.",
    "%o said %n gunmen were killed when the army repelled an attack on its positions in %r %d.",
    "No one was hurt when a rocket landed in an empty field east of %p %d, %o said.",
    "A bomb hidden on a motorcycle went off near a school in %p %d, wounding %k.",
    "Gunmen on motorbikes attacked the village of %p %d, killing %k and stealing livestock, residents said.",
    "In a statement issued %d, %e announced the arrest of %n suspects over the killings in %p.",
    "Relatives said the men had been stopped at a checkpoint manned by %a near %p and were not seen again.",
    "The %g community in %p has faced repeated abductions in recent months, sometimes several a week, local activists said.",
    "%a and %a exchanged artillery fire across the front line near %p for a third day %d.",
    "Medics at the main hospital in %p said they had received %n bodies and treated %n wounded %d.",
    "“We buried %n people in one day,” a resident of %p told %s by telephone.",
    "%a allegedly looted shops and burned the market in %p %d, according to %m.",
    "%k were abducted from a bus station in %p %d; %a demanded a ransom for their release.",
    "Security forces detained %k during house-to-house searches in %p %d, %o said.",
    "About %n,000 people have been displaced from %r since fighting resumed %d, %m said.",
};

/* What reports say around the events: places, history, population,
 * analysis, the limits of the figures.  None of it is an event. */
static const char *const jl_background[] = {
    "%p, a town of about %n,000 people, lies on the main road between %p and %p.",
    "Before the war, %p was known for its orchards and its weekly livestock market.",
    "The %g community makes up roughly %n percent of the population of %r, according to old census figures.",
    "The conflict in %c has drawn in a shifting array of armed groups since it began in %y.",
    "Analysts say the violence reflects long-standing disputes over land, water and grazing rights.",
    "Many families in %p rely on money sent by relatives working abroad.",
    "The authorities have repeatedly promised to protect minorities, but critics say those promises have not been kept.",
    "Aid agencies estimate that more than %n,000 people in %r depend on food assistance.",
    "Access for journalists and independent monitors remains severely restricted.",
    "%e first appeared in %r in %y.",
    "The road from %p to the border has been closed to most traffic for months.",
    "Markets in %p have reopened, but flour and fuel still cost far more than they did a year ago.",
    "Rights groups have urged all sides to allow an independent inquiry.",
    "%p changed hands several times during the fighting of %y.",
    "Schools in the area have not opened since the start of the school year, teachers said.",
    "The region has a long history of feuds between neighbouring villages, some of them decades old.",
    "Diplomats say a lasting settlement will depend on who controls the checkpoints on the main roads.",
    "Electricity in %p is available for only a few hours a day.",
    "Most of the displaced are staying with relatives or in unfinished buildings on the edge of %p.",
    "Few observers expect a deal soon, and both sides have hardened their positions.",
    "%m said it relies on a network of contacts on the ground and checks each report with at least two sources.",
    "The figures are likely to be an undercount, as many deaths in remote areas are never reported.",
    "Mobile phone networks in %r have been cut for long periods, which makes reports slow to arrive.",
    "In %y, a ceasefire brokered by neighbouring states briefly reduced the fighting around %p.",
    "%s could not reach %a for comment.",
};

static const char *const jl_titles[] = {
    "%k killed in attack near %p",
    "Gunmen kill %n in raid on village in %r",
    "%a takes control of %p after heavy fighting",
    "Fighting displaces thousands in %r",
    "Protesters in %p demand justice after killings",
    "Drone strike on %p market kills %n",
    "%g families flee %p as clashes spread",
    "Talks in %p end with deal to reopen road",
    "Monitors report %n detained in %r",
    "Bodies found near %p, officials say",
};

static void number(buf *b)
{
    unsigned kind = below(4), x = below(1000), y = below(1000);
    switch (kind) {
    case 0: putf(b, "%u", 2 + x % 20); break;
    case 1: putf(b, "%u", 10 + x % 90); break;
    case 2: putf(b, "%u", 100 + x); break;
    default: putf(b, "%u,%03u", 1 + x % 90, y); break;
    }
}

static void percent(buf *b)
{
    unsigned x = below(1000);
    putf(b, "%u.%u", x / 100 + 1, x % 10);
}

static void person(buf *b)
{
    const char *f = PICK(first_names), *l = PICK(surnames);
    putf(b, "%s %s", f, l);
}

static void emit_sentence(buf *b, const char *t)
{
    for (const char *p = t; *p; p++) {
        if (*p != '%') {
            putc_(b, *p);
            continue;
        }
        switch (*++p) {
        case 'P': city(b); break;
        case 'C': put(b, PICK(countries)); break;
        case 'M': put(b, PICK(demonyms)); break;
        case 'G': put(b, PICK(regions)); break;
        case 'R': person(b); break;
        case 'L': put(b, PICK(surnames)); break;
        case 'K': put(b, PICK(roles)); break;
        case 'O': put(b, PICK(orgs)); break;
        case 'T': put(b, PICK(teams)); break;
        case 'W': put(b, PICK(weekdays)); break;
        case 'H': put(b, PICK(months)); break;
        case 'N': number(b); break;
        case 'F': percent(b); break;
        case 'I': putf(b, "%u", below(6)); break;
        case 'J': put(b, PICK(adjectives)); break;
        case 'S': put(b, PICK(topics)); break;
        case 'E': put(b, PICK(verbs_said)); break;
        case 'V': put(b, PICK(events)); break;
        case 'Q': put(b, PICK(quotes)); break;
        case 'Y': putf(b, "%u", 1990 + below(36)); break;
        case 'D': times_date(b); break;
        case 'A': put(b, PICK(rel_times)); break;
        case 'B': times_period(b); break;
        case 'X': times_count(b); break;
        case 'Z': put(b, PICK(count_roles)); break;
        /* the --jsonl mode's slots (see jl_events) */
        case 'a': jl_actor(b); break;
        case 'e': put(b, pick_from(rep.t->actors)); break;
        case 'p': put(b, pick_from(rep.t->towns)); break;
        case 'r': put(b, pick_from(rep.t->areas)); break;
        case 'c': put(b, rep.t->country); break;
        case 'g': put(b, pick_from(rep.t->groups)); break;
        case 'm': put(b, pick_from(rep.t->monitors)); break;
        case 'd': jl_date(b); break;
        case 'k': jl_victims(b); break;
        case 'n': putf(b, "%u", 2 + below(59)); break;
        case 'x': put(b, PICK(means)); break;
        case 'o': put(b, PICK(officials)); break;
        case 's': put(b, PICK(outlets)); break;
        case 'y': jl_year(b); break;
        case '%': putc_(b, '%'); break;
        default: putc_(b, '%'); p--; break;
        }
    }
}

static void capitalize(buf *b, size_t at)
{
    if (at < b->len && b->p[at] >= 'a' && b->p[at] <= 'z')
        b->p[at] = (char)(b->p[at] - 'a' + 'A');
}

static void sentence(buf *b)
{
    size_t at = b->len;
    emit_sentence(b, chance(55) ? PICK(fillers) : PICK(templates));
    capitalize(b, at);
}

/* A paragraph of one to three sentences, each written by one(). */
static void paragraph(buf *b, void (*one)(buf *))
{
    unsigned n = 1 + below(3);
    for (unsigned i = 0; i < n; i++) {
        if (i)
            putc_(b, ' ');
        one(b);
    }
}

/* One article of about target bytes. */
static void article(buf *out, size_t target)
{
    size_t start = out->len;
    /* headline */
    size_t at = out->len;
    switch (below(4)) {
    case 0: put(out, "Talks in "); city(out); put(out, " end without deal on "); put(out, PICK(topics)); break;
    case 1: number(out); put(out, " killed after "); put(out, PICK(events)); put(out, " hits "); city(out); break;
    case 2: put(out, PICK(countries)); put(out, " and "); put(out, PICK(countries)); put(out, " agree to resume "); put(out, PICK(topics)); break;
    default: put(out, PICK(orgs)); put(out, " warns of "); put(out, PICK(adjectives)); put(out, " risks to "); put(out, PICK(topics)); break;
    }
    capitalize(out, at);
    put(out, "\n\n");
    /* byline and dateline: "KYIV, March 3 (Reuters) - " */
    if (chance(50)) {
        put(out, "By ");
        person(out);
        put(out, "\n\n");
    }
    size_t d = out->len;
    city(out);
    for (size_t i = d; i < out->len; i++)
        if (out->p[i] >= 'a' && out->p[i] <= 'z')
            out->p[i] = (char)(out->p[i] - 'a' + 'A');
    const char *m = PICK(months);
    unsigned day = 1 + below(28);
    const char *ag = PICK(agencies);
    putf(out, ", %s %u (%s) - ", m, day, ag);
    bool first = true;
    while (out->len - start < target) {
        if (!first)
            put(out, "\n\n");
        paragraph(out, sentence);
        first = false;
    }
    put(out, "\n");
}

/* Appends n bytes of b to f; 1 (after saying why) when that fails. */
static int write_out(FILE *f, const char *path, const buf *b, size_t n)
{
    if (fwrite(b->p, 1, n, f) == n)
        return 0;
    fprintf(stderr, "gennews: %s: %s\n", path, strerror(errno));
    return 1;
}

/* Closes f; 1 (after saying why) when the last writes failed. */
static int close_out(FILE *f, const char *path)
{
    if (fclose(f) == 0)
        return 0;
    fprintf(stderr, "gennews: %s: %s\n", path, strerror(errno));
    return 1;
}

/* The --times mode: whole lines until total bytes are reached. */
static int write_times(FILE *f, const char *path, size_t total)
{
    buf b = {0};
    size_t written = 0, lines = 0;
    while (written < total) {
        b.len = 0;
        for (int i = 0; i < 256 && written + b.len < total; i++, lines++)
            times_line(&b);
        if (write_out(f, path, &b, b.len))
            return 1;
        written += b.len;
    }
    free(b.p);
    if (close_out(f, path))
        return 1;
    printf("%zu lines, %zu bytes, %zu cities from the dump\n", lines, written, n_dump);
    return 0;
}

/* --- the --jsonl mode: documents ---------------------------------------------- */

/* s as a JSON string: quotes, backslashes and control characters escaped,
 * UTF-8 kept as it is (JSON allows it). */
static void json_str(buf *b, const char *s, size_t n)
{
    putc_(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            putc_(b, '\\');
            putc_(b, (char)c);
        } else if (c == '\n') {
            put(b, "\\n");
        } else if (c < 0x20) {
            putf(b, "\\u%04x", c);
        } else {
            putc_(b, (char)c);
        }
    }
    putc_(b, '"');
}

/* One sentence of a report: half events, the rest background and, for
 * variety, the ordinary news sentences of the default mode. */
static void report_sentence(buf *b)
{
    size_t at = b->len;
    unsigned r = below(100);
    emit_sentence(b, r < 50 ? PICK(jl_events) : r < 88 ? PICK(jl_background) : PICK(fillers));
    capitalize(b, at);
}

/* The text of one report of about target bytes: an optional dateline, a
 * lead that reports an event, then paragraphs of one to three sentences,
 * separated by blank lines. */
static void report_text(buf *t, size_t target)
{
    if (chance(40)) {
        unsigned y, m, d;
        civil_from_days(rep.pub, &y, &m, &d);
        put(t, pick_from(rep.t->towns));
        putf(t, ", %u %s (%s) - ", d, months[m - 1], PICK(outlets));
    }
    size_t at = t->len;
    emit_sentence(t, PICK(jl_events));
    capitalize(t, at);
    while (t->len < target) {
        put(t, "\n\n");
        paragraph(t, report_sentence);
    }
}

/* The --jsonl mode: one report a line, {"id", "text", "published",
 * "title", "source"}, whole lines until total bytes are reached. */
static int write_jsonl(FILE *f, const char *path, size_t total)
{
    rng_state = 0x6a736f6e6c726570ULL; /* its own stream: "jsonlrep" */
    buf line = {0}, t = {0};
    size_t written = 0, docs = 0, text_bytes = 0;
    while (written < total) {
        rep.t = &PICK(theatres);
        rep.pub = days_from_civil(2022 + below(4), 1 + below(12), 1 + below(28));
        t.len = 0;
        report_text(&t, 2000 + below(6001));
        text_bytes += t.len;
        line.len = 0;
        putf(&line, "{\"id\":\"rep-%07zu\",\"text\":", ++docs);
        json_str(&line, t.p, t.len);
        unsigned y, m, d;
        civil_from_days(rep.pub, &y, &m, &d);
        putf(&line, ",\"published\":\"%04u-%02u-%02u\",\"title\":", y, m, d);
        t.len = 0;
        emit_sentence(&t, PICK(jl_titles));
        capitalize(&t, 0);
        json_str(&line, t.p, t.len);
        put(&line, ",\"source\":");
        const char *src = PICK(outlets);
        json_str(&line, src, strlen(src));
        put(&line, "}\n");
        if (write_out(f, path, &line, line.len))
            return 1;
        written += line.len;
    }
    free(line.p);
    free(t.p);
    if (close_out(f, path))
        return 1;
    printf("%zu documents, %zu bytes, %zu bytes of text\n", docs, written, text_bytes);
    return 0;
}

int main(int argc, char **argv)
{
    bool times = argc > 1 && strcmp(argv[1], "--times") == 0;
    bool jsonl = argc > 1 && strcmp(argv[1], "--jsonl") == 0;
    if (times || jsonl) {
        argc--;
        argv++;
    }
    if (argc < 3 || argc > 4) {
        fputs("usage: gennews [--times|--jsonl] OUT MB [CITIES500]\n", stderr);
        return 2;
    }
    double mb = strtod(argv[2], NULL);
    if (!(mb > 0)) {
        fputs("gennews: MB must be positive\n", stderr);
        return 2;
    }
    if (argc == 4 && !jsonl) /* the --jsonl mode has its own places */
        load_dump(argv[3]);
    size_t total = (size_t)(mb * 1e6);
    FILE *f = fopen(argv[1], "wb");
    if (!f) {
        fprintf(stderr, "gennews: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    if (times)
        return write_times(f, argv[1], total);
    if (jsonl)
        return write_jsonl(f, argv[1], total);
    buf b = {0};
    size_t written = 0, articles = 0;
    while (written < total) {
        b.len = 0;
        if (articles)
            put(&b, "\f\n");
        article(&b, 1500 + below(10500));
        size_t n = b.len;
        if (n > total - written) {
            /* the last article is cut at a word so the size is exact */
            n = total - written;
            while (n > 0 && (unsigned char)b.p[n] >= 0x80 && (unsigned char)b.p[n] < 0xC0)
                n--; /* never split a UTF-8 sequence */
            memset(b.p + n, ' ', total - written - n);
            n = total - written;
        }
        if (write_out(f, argv[1], &b, n))
            return 1;
        written += n;
        articles++;
    }
    if (close_out(f, argv[1]))
        return 1;
    for (size_t i = 0; i < n_dump; i++)
        free(dump_names[i]);
    free(dump_names);
    free(b.p);
    printf("%zu articles, %zu bytes, %zu cities from the dump\n", articles, written, n_dump);
    return 0;
}
