/* gencorpus.c: writes a deterministic corpus of synthetic report prose for
 * `make bench`.
 *
 *   gencorpus DIR MB [KB]
 *
 * writes DIR/r00000.txt, DIR/r00001.txt, ... of about KB kilobytes each
 * (default 100; each file varies by +-30%) until their total reaches
 * MB x 1,000,000 bytes.  The same arguments always give the same bytes: the
 * generator is seeded with a fixed seed and the file number.  Every file
 * differs from every other (its report number is in the title), so the
 * duplicate check of `dossier add` skips none.
 *
 * The text has what the real pipeline meets in COI reports: a title, a
 * byline or publisher line, a date line, section headings, paragraphs that
 * are either one line or hard-wrapped, abbreviations (Dr., Gen., U.S.),
 * numbers ("at least 1,500"), straight and curly quotes, place names with
 * diacritics (Ţarţūs, Ḥamāh), Arabic words and sentences, bullet lists,
 * footnote markers ^{[12](#)} or [12] and a footnote or reference block at
 * the end.
 *
 * Not part of libdossier; bench/run.sh compiles it with cc -O2. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static uint64_t splitmix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/* --- word lists -------------------------------------------------------- */

static const char *const first_names[] = {
    "Rami", "Nadia", "Samer", "Lina", "Omar", "Huda", "Khaled", "Rasha", "Yusuf", "Maya",
    "Tarek", "Dima", "Bashar", "Rania", "Fadi", "Salma", "Hassan", "Layla", "Ziad", "Noor",
    "Jane", "Tom", "Maria", "Peter", "Anna", "David", "Sarah", "Michael", "Elena", "James",
    "Aung", "Hla", "Zaw", "Thandar", "Abdelrahman", "Fatima", "Ibrahim", "Amina", "Mahmoud",
    "Mariam", "Mustafa", "Zeinab", "Adam", "Hawa", "Ismail", "Khadija", "Jamal", "Safiya",
};

static const char *const surnames[] = {
    "Saadeh", "Farouk", "Khoury", "Haddad", "Doe", "Hale", "Lindqvist", "Mansour", "Nasser",
    "al-Ali", "al-Hussein", "Darwish", "Hamdan", "Issa", "Jaber", "Kassem", "Makhlouf",
    "Obeid", "Qassab", "Rahal", "Sabbagh", "Shami", "Taha", "Younes", "Zein", "Bakr",
    "Muller", "Okafor", "Petrov", "Novak", "Jensen", "Moreau", "Rossi", "Nakamura", "Osman",
    "Adam", "Abakar", "Idriss", "Mahamat", "Htun", "Kyaw", "Naing", "Win", "Soe", "Tun",
};

static const char *const titles[] = {
    "Dr.", "Gen.", "Col.", "Lt. Col.", "Maj.", "Capt.", "Mr.", "Ms.", "Mrs.", "Prof.",
    "Brig. Gen.", "Sgt.", "Rev.", "Sen.", "Amb.",
};

/* Places: a few with the diacritics of ALA-LC transliteration, which
 * remove_diacritics 2 folds (Ţarţūs to tartus). */
static const char *const places[] = {
    "Ţarţūs", "Ḥamāh", "Dayr az-Zawr", "Ḥimş", "Ḥalab", "Idlib", "Jableh", "Baniyas",
    "Safita", "Dreikish", "Beit Sabbagh", "Tall Kalakh", "Wadi al-Nasara", "al-Qardaha",
    "Masyaf", "Salamiyah", "Qāmishlī", "ar-Raqqah", "Manbij", "Afrīn", "Jisr ash-Shughūr",
    "Maʿarrat an-Nuʿmān", "Dar'a", "as-Suwayda", "Quneitra", "Douma", "Zabadani", "Yabroud",
    "al-Bāb", "Kobanî", "Latakia", "Homs", "Hama", "Aleppo", "Damascus", "Tartus",
    "El Fasher", "Nyala", "Geneina", "Hillat Nuri", "Kutum", "Tawila", "Zalingei",
    "Sittwe", "Buthidaung", "Maungdaw", "Nga Kyin Dauk", "Kyauktaw", "Mrauk-U",
};

static const char *const governorates[] = {
    "Tartus", "Latakia", "Homs", "Hama", "Idlib", "Aleppo", "Deir ez-Zor", "Raqqa",
    "Hasakah", "Daraa", "Suwayda", "Rif Dimashq", "North Darfur", "West Darfur",
    "South Darfur", "Central Darfur", "Rakhine",
};

static const char *const orgs[] = {
    "the Syrian Observatory for Human Rights", "the Levant Civilian Protection Initiative (LCPI)",
    "the Coastal Syria Documentation Network (CSDN)", "the U.N. Commission of Inquiry",
    "the Office of the U.N. High Commissioner for Human Rights (OHCHR)",
    "the International Committee of the Red Cross", "Médecins Sans Frontières",
    "the Syrian Network for Human Rights", "the Baltic Institute for Middle East Studies",
    "the interior ministry", "the defence ministry", "the U.S. State Department",
    "the European Union Agency for Asylum", "Amnesty International", "Human Rights Watch",
    "the Darfur Bar Association", "the Rakhine Relief and Development Platform",
    "the World Food Programme", "UNHCR", "OCHA", "the Sudan Doctors Network",
};

static const char *const groups[] = {
    "armed men", "gunmen", "fighters from factions nominally integrated into the new army",
    "members of the General Security service", "men in mixed uniforms",
    "supporters of the former government", "militiamen", "Rapid Support Forces (RSF) fighters",
    "soldiers", "members of a local self-defence group", "unidentified attackers",
    "men on motorcycles", "a convoy of pick-up trucks",
};

static const char *const victims[] = {
    "civilians", "men", "women", "children", "residents", "farmers", "displaced people",
    "members of one family", "shepherds", "patients", "students", "medical workers",
    "aid workers", "detainees", "elderly people", "fishermen",
};

static const char *const acts[] = {
    "killed", "shot dead", "abducted", "detained", "wounded", "displaced", "executed",
    "forcibly disappeared", "beaten", "robbed", "expelled", "injured",
};

static const char *const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
};

static const char *const month_abbr[] = {
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
};

static const char *const number_words[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "several dozen", "hundreds of",
};

static const char *const arabic_terms[] = {
    "shabiha (شبيحة)", "mukhtar (مختار)", "the amn al-ʿamm (الأمن العام)",
    "a hajiz (حاجز), or checkpoint,", "the janjawid (جنجويد)", "faza'a (فزعة) mobilisation",
    "the nahiya (ناحية) administration", "a diya (دية) settlement", "the mantiqa (منطقة)",
    "the sulh (صلح) committee", "a wasta (واسطة)", "the dabita (ضابطة)",
};

static const char *const arabic_sentences[] = {
    "وقال شهود إن المسلحين دخلوا القرية صباح يوم الجمعة.",
    "وثّقت الشبكة مقتل عدد من المدنيين بينهم نساء وأطفال.",
    "ولا يزال مصير المخطوفين مجهولاً حتى الآن.",
    "ونزحت عائلات كثيرة من القرى المجاورة باتجاه الجبال.",
    "وتدعو المنظمة السلطات إلى فتح تحقيق مستقل وشفاف.",
};

static const char *const adjectives[] = {
    "independent", "provisional", "reliable", "partial", "conflicting", "credible", "local",
    "official", "detailed", "consistent", "preliminary", "unverified", "significant",
    "limited", "heavy", "sporadic", "systematic", "widespread", "isolated", "targeted",
    "arbitrary", "serious", "grave", "recent", "renewed", "ongoing", "unprecedented",
};

static const char *const nouns[] = {
    "sources", "witnesses", "accounts", "reports", "figures", "testimonies", "records",
    "photographs", "videos", "satellite images", "medical records", "lists of names",
    "statements", "interviews", "estimates", "allegations", "patterns", "incidents",
    "checkpoints", "convoys", "shelters", "hospitals", "villages", "neighbourhoods",
    "olive groves", "farms", "roads", "bridges", "schools", "mosques", "churches",
    "markets", "camps", "wells", "bakeries",
};

static const char *const speech_verbs[] = {
    "said", "told", "reported", "stated", "claimed", "noted", "added", "explained",
    "confirmed", "alleged", "estimated", "wrote",
};

static const char *const headings[] = {
    "Summary", "Background", "What happened", "Displacement", "Method", "Recommendations",
    "Casualties", "Humanitarian situation", "Accountability", "Security situation",
    "Treatment of returnees", "Detention", "Access to services", "Analysis",
    "Sources and methodology", "Chronology of events", "Response of the authorities",
};

static const char *const quotes[] = {
    "They arrived a little before noon and moved from house to house",
    "Nobody here was armed",
    "We buried them ourselves because nobody came",
    "Every time an attack goes unanswered, armed groups treat the villages as fair game",
    "We heard shooting all night and did not dare to leave the house",
    "They asked each man for his identity card and his family name",
    "The hospital ran out of blood by the afternoon",
    "We do not know who they were, only that they came from the main road",
    "My brother is still missing; no one will tell us where he is held",
    "The checkpoint was there one day and gone the next",
};

static const char *const publishers[] = {
    "Meridian News Agency", "The Levant Herald", "Levant Civilian Protection Initiative (LCPI)",
    "Coastal Syria Documentation Network (CSDN)", "Baltic Institute for Middle East Studies",
    "Country Information Section, COI Unit", "Darfur Voices",
    "Rakhine Relief and Development Platform", "Sudan Monitoring Report", "Volunteers' Dispatch",
};

/* Syllables for made-up hamlet and family names: a long tail of rare
 * terms, as real reports have. */
static const char *const syl[] = {
    "ba", "dar", "kaf", "qa", "sha", "mir", "nu", "zah", "tal", "ra", "ham", "sa", "bi",
    "lu", "jar", "khal", "di", "was", "fa", "ri", "maz", "hu", "tin", "gol", "dun", "yab",
};

/* --- text pieces ------------------------------------------------------- */

static void made_up_name(buf *b)
{
    char w[64] = "";
    int n = 2 + (int)below(2);
    for (int i = 0; i < n; i++)
        strcat(w, PICK(syl));
    w[0] = (char)(w[0] - 'a' + 'A');
    put(b, w);
}

static void place(buf *b)
{
    if (chance(25)) {
        put(b, chance(50) ? "the hamlet of " : "the village of ");
        made_up_name(b);
    } else {
        put(b, PICK(places));
    }
}

static void person(buf *b)
{
    if (chance(70))
        putf(b, "%s ", PICK(titles));
    putf(b, "%s ", PICK(first_names));
    if (chance(20))
        made_up_name(b);
    else
        put(b, PICK(surnames));
}

static void year(buf *b) { putf(b, "%u", 2011 + below(15)); }

static void date(buf *b)
{
    unsigned m = below(12), d = 1 + below(28);
    switch (below(4)) {
    case 0: putf(b, "%u %s ", d, months[m]); year(b); break;
    case 1: putf(b, "%s %u, ", months[m], d); year(b); break;
    case 2: putf(b, "%s %u", month_abbr[m], d); break;
    default: putf(b, "%u %s", d, months[m]); break;
    }
}

/* Function arguments are evaluated in an unspecified order, so every
 * random draw is made in its own statement: the corpus must be the same
 * bytes whichever compiler built the generator. */
static void count(buf *b)
{
    unsigned kind = below(6), x = below(1000), y = below(1000);
    switch (kind) {
    case 0: putf(b, "%u", 2 + x % 98); break;
    case 1: putf(b, "at least %u", 3 + x % 200); break;
    case 2: putf(b, "%u,%03u", 1 + x % 30, y); break;
    case 3: putf(b, "at least %u,%03u", 1 + x % 9, 100 * (y % 10)); break;
    case 4: putf(b, "between %u and %u", 10 + x % 30, 45 + y % 60); break;
    default: put(b, number_words[x % N(number_words)]); break;
    }
}

/* One sentence from a template.  Slots: %P place, %G governorate,
 * %R person, %O organisation, %F group, %V victims, %A act, %N count,
 * %D date, %W weekday, %Y year, %T time, %J adjective, %S noun,
 * %E speech verb, %Q quotation, %B Arabic term, %U U.S./U.N./U.K. */
static const char *const templates[] = {
    "%F %A %N %V in %P on %W, according to %O.",
    "%O said that %N %V had been %A in %P since %D.",
    "According to %J %S, %F entered %P in the early hours of %D.",
    "%R, a researcher at a %U-based university, said the pattern was familiar.",
    "%R told %O that the hospital in %P received %N bodies on the afternoon of %D.",
    "\"%Q,\" a resident of %P told %O, asking that his name be withheld.",
    "“%Q,” %R %E.",
    "The %J %S could not be verified independently, and %O %E that the toll was likely to rise.",
    "Some %N residents of %P and nearby villages were displaced in early %M; by the end of the month fewer than half had returned.",
    "The killings reportedly came a day after an ambush on %W, %D, near %P in %G governorate.",
    "%O recorded %N deaths in %G between %D and %D.",
    "Witnesses described %F and %B at the entrance to %P.",
    "In %Y, %O estimated that %N people had fled %P, most of them towards %P.",
    "Gen. %L, the commander of the %G sector, denied that his units were present in %P.",
    "The U.S. and the U.K. called for an independent investigation, while the U.N. Secretary-General urged restraint.",
    "At around %T on %D, %F stopped a minibus at a checkpoint outside %P and %A %N passengers.",
    "%R %E that %J %S from %P were consistent with the accounts of survivors.",
    "Houses in %P were looted and %N were set on fire.",
    "The %J figures given by %O differ from those of %O, which counted %N %V.",
    "It is not clear whether %F acted on orders; %R %E that no such orders were found.",
    "Relatives quoted by a newspaper gave the number as %N.",
    "The authorities in %G announced on %D that a committee would investigate the events in %P.",
    "Access to %P remained %J for %S, %O %E on %D.",
    "%R said the %S in %P had been %J since %M %Y.",
    "A security official in %P, speaking on condition of anonymity, said %F had entered several villages around %P on %W.",
    "Prices of bread and fuel in %P rose by %N per cent in %M, according to %O.",
    "The road between %P and %P was closed for %N days after %D.",
    "%O interviewed %N survivors, relatives and witnesses in person and by telephone between %D and %D.",
    "The report is based on %J %S and on a review of %N photographs and %N videos.",
    "Returnees to %P described %J %S by %F at the crossing point.",
    "Fighting between %F and %F resumed near %P on %D, %O reported.",
    "%R, who had been detained in %P in %Y, said he was released after %N months without charge.",
    "Local leaders, including %B, negotiated the return of %N detainees on %D.",
    "Dr. %L said that at least %N of the wounded were children under the age of 12.",
    "The mission visited %P, %P and %P between %D and %D.",
    "No further information on accountability for the events in %P could be found within the time constraints of this report.",
    "As of %D, the U.N. had registered %N refugees from %G in neighbouring countries.",
    "Asked about the %J %S, a spokesperson for %O declined to comment.",
    "Satellite images reviewed by %O show that %N structures in %P were destroyed between %D and %D.",
    "Mr. %L and Ms. %L were among those %A, according to a list compiled by %O.",
    "The area is mainly inhabited by Alawites, while Christian communities live in %P and the nearby valley of Wadi al-Nasara.",
    "It was the %J such incident in %G since %M %Y.",
    "The exact number of %V %A remains unknown; estimates range from %N to %N.",
    "Men trying to leave %P were also at risk, %R %E.",
};

static void emit_sentence(buf *b, const char *t)
{
    for (const char *p = t; *p; p++) {
        if (*p != '%') {
            putc_(b, *p);
            continue;
        }
        switch (*++p) {
        case 'P': place(b); break;
        case 'G': put(b, PICK(governorates)); break;
        case 'R': person(b); break;
        case 'L': put(b, PICK(surnames)); break;
        case 'O': put(b, PICK(orgs)); break;
        case 'F': put(b, PICK(groups)); break;
        case 'V': put(b, PICK(victims)); break;
        case 'A': put(b, PICK(acts)); break;
        case 'N': count(b); break;
        case 'D': date(b); break;
        case 'W': put(b, PICK(weekdays)); break;
        case 'M': put(b, PICK(months)); break;
        case 'Y': year(b); break;
        case 'T': {
            unsigned h = 5 + below(18), m = 5 * below(12);
            putf(b, "%02u:%02u", h, m);
            break;
        }
        case 'J': put(b, PICK(adjectives)); break;
        case 'S': put(b, PICK(nouns)); break;
        case 'E': put(b, PICK(speech_verbs)); break;
        case 'Q': put(b, PICK(quotes)); break;
        case 'B': put(b, PICK(arabic_terms)); break;
        case 'U': put(b, chance(50) ? "U.S." : "U.K."); break;
        default: putc_(b, '%'); p--; break;
        }
    }
}

/* Capitalizes the first letter of b from offset at (templates may start
 * with a lower-case group name). */
static void capitalize(buf *b, size_t at)
{
    if (at < b->len && b->p[at] >= 'a' && b->p[at] <= 'z')
        b->p[at] = (char)(b->p[at] - 'a' + 'A');
}

typedef struct {
    int footnote_style; /* 0 none, 1 ^{[n](#)}, 2 [n] */
    int wrap;           /* 0 or the column paragraphs are wrapped at */
    int next_note;
} style;

/* Appends one paragraph to out, wrapped at s->wrap columns if set. */
static void paragraph(buf *out, style *s, int sentences)
{
    buf p = {0};
    for (int i = 0; i < sentences; i++) {
        if (i)
            putc_(&p, ' ');
        if (chance(2)) {
            put(&p, PICK(arabic_sentences));
            continue;
        }
        size_t at = p.len;
        emit_sentence(&p, PICK(templates));
        capitalize(&p, at);
        if (s->footnote_style && chance(10)) {
            /* the marker goes after the final punctuation */
            if (s->footnote_style == 1)
                putf(&p, "^{[%d](#)}", s->next_note++);
            else {
                p.len--; /* before the full stop */
                putf(&p, " [%d].", s->next_note++);
            }
        }
    }
    if (!s->wrap) {
        put(out, p.p);
    } else {
        /* greedy wrap on spaces; columns counted in bytes, which is what a
         * careless converter does with non-ASCII too */
        size_t col = 0;
        const char *w = p.p;
        while (*w) {
            const char *e = strchr(w, ' ');
            size_t n = e ? (size_t)(e - w) : strlen(w);
            if (col && col + 1 + n > (size_t)s->wrap) {
                putc_(out, '\n');
                col = 0;
            } else if (col) {
                putc_(out, ' ');
                col++;
            }
            reserve(out, n);
            memcpy(out->p + out->len, w, n);
            out->len += n;
            out->p[out->len] = '\0';
            col += n;
            w += n;
            while (*w == ' ')
                w++;
        }
    }
    put(out, "\n\n");
    free(p.p);
}

static void bullets(buf *out, int n)
{
    for (int i = 0; i < n; i++) {
        put(out, "- ");
        size_t at = out->len;
        emit_sentence(out, PICK(templates));
        capitalize(out, at);
        putc_(out, '\n');
    }
    putc_(out, '\n');
}

static void citation(buf *out)
{
    const char *surname = PICK(surnames), *first = PICK(first_names);
    putf(out, "%s, %c., ", surname, first[0]);
    size_t at = out->len;
    emit_sentence(out, PICK(templates));
    capitalize(out, at);
    out->len--; /* drop the full stop */
    putf(out, ", %s, ", PICK(publishers));
    date(out);
    put(out, ", [url](#)");
}

static void footnotes(buf *out, const style *s)
{
    if (s->footnote_style == 1) {
        for (int n = 1; n < s->next_note; n++) {
            putf(out, n == 1 ? "^{[%d](#)}\n\n" : "[%d](#)\n\n", n);
            citation(out);
            put(out, "\n\n");
        }
    } else if (s->footnote_style == 2) {
        put(out, "References\n\n");
        for (int n = 1; n < s->next_note; n++) {
            putf(out, "[%d] ", n);
            citation(out);
            putc_(out, '\n');
        }
    }
}

static void header(buf *out, unsigned fileno)
{
    size_t at = out->len;
    switch (below(4)) {
    case 0:
        put(out, "“No One Here Was Armed”: The Killings in ");
        place(out);
        putf(out, ", %s Governorate (Report No. %u)\n\n", PICK(governorates), fileno + 1);
        break;
    case 1:
        putf(out, "Syria: Security situation in %s governorate (No. %u)\n\n", PICK(governorates),
             fileno + 1);
        break;
    case 2:
        put(out, "Gunmen kill ");
        count(out);
        put(out, " civilians near ");
        place(out);
        putf(out, ", monitor says (%u)\n\n", fileno + 1);
        break;
    default:
        putf(out, "Flash Update No. %u: %s in ", fileno + 1, PICK(headings));
        place(out);
        put(out, "\n\n");
        break;
    }
    capitalize(out, at);
    if (chance(50)) {
        const char *first = PICK(first_names), *last = PICK(surnames);
        putf(out, "By %s %s", first, last);
        if (chance(30)) {
            const char *first2 = PICK(first_names), *last2 = PICK(surnames);
            putf(out, " and %s %s", first2, last2);
        }
        put(out, "\n\n");
    } else {
        putf(out, "%s\n", PICK(publishers));
    }
    unsigned m = below(12), d = 1 + below(28), y = 2015 + below(11);
    unsigned form = below(3), hh = 1 + below(11), mm = below(60);
    switch (form) {
    case 0: putf(out, "%u %s %u\n\n", d, months[m], y); break;
    case 1: putf(out, "%s %u, %u | %02u:%02u AM\n\n", months[m], d, y, hh, mm); break;
    default: putf(out, "Published: %u-%02u-%02u\n\n", y, m + 1, d); break;
    }
}

static void document(buf *out, unsigned fileno, size_t target)
{
    int notes = (int)below(3), wrapped = chance(40), column = 72 + (int)below(8);
    style s = {.footnote_style = notes, .wrap = wrapped ? column : 0, .next_note = 1};
    header(out, fileno);
    while (out->len < target) {
        if (chance(15))
            putf(out, "%s\n\n", PICK(headings));
        if (chance(8))
            bullets(out, 2 + (int)below(4));
        else
            paragraph(out, &s, 3 + (int)below(5));
    }
    footnotes(out, &s);
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fputs("usage: gencorpus DIR MB [KB]\n", stderr);
        return 2;
    }
    const char *dir = argv[1];
    double mb = strtod(argv[2], NULL);
    double kb = argc == 4 ? strtod(argv[3], NULL) : 100;
    if (!(mb > 0) || !(kb > 0)) {
        fputs("gencorpus: MB and KB must be positive\n", stderr);
        return 2;
    }
    size_t total = (size_t)(mb * 1e6), written = 0;
    buf b = {0};
    unsigned fileno = 0;
    while (written < total) {
        rng_state = splitmix(0x646f7373696572ULL ^ (uint64_t)fileno) | 1;
        size_t target = (size_t)(kb * 1000 * (0.7 + 0.6 * (double)below(1000) / 1000.0));
        if (target > total - written)
            target = total - written;
        b.len = 0;
        document(&b, fileno, target);
        char path[4096];
        snprintf(path, sizeof path, "%s/r%05u.txt", dir, fileno);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(b.p, 1, b.len, f) != b.len || fclose(f) != 0) {
            fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
            return 1;
        }
        written += b.len;
        fileno++;
    }
    free(b.p);
    printf("%u files, %zu bytes\n", fileno, written);
    return 0;
}
