#!/bin/sh
# make-pdf.sh: regenerate the PDF documents of the example corpus.
#
#   sh examples/make-pdf.sh            (from the repository root, or from examples/)
#
# For every examples/src/NAME.txt it writes examples/NAME.pdf. The sources live in
# examples/src/ so that `dossier add examples/` does not ingest the same report twice.
#
# Source format (plain ASCII; standard PostScript fonts only cover Latin-1, so the
# script refuses anything else):
#   line 1          the title (set in bold; also the PDF's /Title)
#   "By NAME, ORG"  the byline; NAME (up to the first comma) becomes the PDF's /Author
#   "30 June 2025"  the first line that is just a date becomes /CreationDate and /ModDate
#   "## Heading"    a section heading (set in bold, the "## " is dropped)
#   blank line      ignored (paragraph spacing is automatic)
#   any other line  one paragraph, word-wrapped to the page width
#
# It writes a small PostScript program (Helvetica 10.5 pt on A4, a page number in the
# footer, a pdfmark for the document information) and converts it with ghostscript's
# ps2pdf. The output is reproducible: ghostscript is told to omit its own creation
# date, document ID and XMP packet, so the same source gives the same bytes.
#
# Needs: ghostscript (ps2pdf). Check the result with:
#   pdftotext examples/NAME.pdf -   and   pdfinfo examples/NAME.pdf
set -eu

here=$(cd "$(dirname "$0")" && pwd)
command -v ps2pdf >/dev/null 2>&1 || { echo "make-pdf.sh: ps2pdf (ghostscript) not found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

for src in "$here"/src/*.txt; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .txt)
    if LC_ALL=C grep -q '[^ -~]' "$src"; then
        echo "make-pdf.sh: $src has non-ASCII characters; keep PDF sources ASCII" >&2
        exit 1
    fi
    ps="$tmp/$name.ps"
    LC_ALL=C awk '
    function esc(s) { gsub(/\\/, "\\\\", s); gsub(/\(/, "\\(", s); gsub(/\)/, "\\)", s); return s }
    BEGIN {
        print "%!PS-Adobe-3.0"
        print "%%Pages: (atend)"
        print "%%EndComments"
        print "/lm 64 def /rm 531 def /tm 778 def /bm 72 def /pageno 1 def"
        print "/fname /Helvetica def /fsize 10.5 def /lead 14 def /y tm def"
        # s1 s2 concat s1s2
        print "/concat { exch dup length 2 index length add string dup dup 4 2 roll copy length 4 -1 roll putinterval } bind def"
        print "/usefont { fname findfont fsize scalefont setfont } bind def"
        print "/footer { /Helvetica findfont 8 scalefont setfont lm 40 moveto (Page ) show pageno 10 string cvs show } bind def"
        print "/newpage { footer showpage /pageno pageno 1 add def /y tm def } bind def"
        print "/emit { usefont lm y moveto show /y y lead sub def y bm lt { newpage } if } bind def"
        print "/gap { y exch sub /y exch def y bm lt { newpage } if } bind def"
        # (paragraph) para: word-wrap between lm and rm
        print "/para { /rest exch def /line () def /more true def usefont"
        print "  { more not { exit } if"
        print "    rest ( ) search { /w exch def pop /rest exch def } { /w exch def /more false def } ifelse"
        print "    line length 0 eq { /cand w def } { /cand line ( ) concat w concat def } ifelse"
        print "    cand stringwidth pop rm lm sub gt line length 0 gt and"
        print "      { line emit /line w def } { /line cand def } ifelse"
        print "  } loop"
        print "  line length 0 gt { line emit } if 5 gap } bind def"
        print "/style { /lead exch def /fsize exch def /fname exch def } bind def"
    }
    NR == 1 {
        printf "/Helvetica-Bold 16 20 style (%s) para 4 gap\n", esc($0)
        next
    }
    /^[ \t]*$/ { next }
    /^## / {
        printf "8 gap /Helvetica-Bold 12 16 style (%s) para\n", esc(substr($0, 4))
        next
    }
    { printf "/Helvetica 10.5 14 style (%s) para\n", esc($0) }
    END { print "footer showpage" ; print "%%EOF" }
    ' "$src" > "$ps.body"

    title=$(head -n 1 "$src")
    author=$(grep -m 1 '^By ' "$src" | sed 's/^By //; s/,.*//' || true)
    esc() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/(/\\(/g; s/)/\\)/g'; }
    # The first line of the form "30 June 2025" becomes the PDF's /CreationDate.
    pdfdate=$(LC_ALL=C awk '
        BEGIN { split("January February March April May June July August September October November December", m, " ")
                for (i = 1; i <= 12; i++) mon[m[i]] = i }
        NF == 3 && $1 ~ /^[0-9][0-9]?$/ && ($2 in mon) && $3 ~ /^[0-9][0-9][0-9][0-9]$/ {
            printf "D:%04d%02d%02d000000Z", $3, mon[$2], $1; exit }' "$src")
    datemark=""
    [ -n "$pdfdate" ] && datemark="/CreationDate ($pdfdate) /ModDate ($pdfdate) "
    {
        sed -n '1,3p' "$ps.body"
        printf '[ /Title (%s) /Author (%s) %s/Creator (dossier examples/make-pdf.sh) /DOCINFO pdfmark\n' \
            "$(esc "$title")" "$(esc "$author")" "$datemark"
        sed '1,3d' "$ps.body"
    } > "$ps"

    ps2pdf -dPDFSETTINGS=/default -dOmitInfoDate=true -dOmitID=true -dOmitXMP=true \
        "$ps" "$here/$name.pdf"
    echo "make-pdf.sh: wrote examples/$name.pdf"
done
