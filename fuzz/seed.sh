#!/usr/bin/env bash
# Seed corpora from the real bank: every Markdown file for front_matter, every body for
# markdown_links, and Finnish queries (with the query syntax) for search_query.
#   bash fuzz/seed.sh && cargo +nightly fuzz run front_matter -- -max_total_time=600
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/front_matter corpus/markdown_links corpus/search_query
for f in ../content/*/*.md; do
  name="$(basename "$(dirname "$f")")-$(basename "$f" .md)"
  cp "$f" "corpus/front_matter/$name"
  # The body: everything after the second '---' line.
  awk 'n >= 2 { print } /^---$/ { n++ }' "$f" >"corpus/markdown_links/$name"
done
i=0
for q in perhekeskus perhekeskuksissa '"varhainen tuki"' 'lastensuojelu AND kainuu' \
  'title:pippuri' 'perhe* -koulu' 'toimintamalli OR työpaja' '(sijaishuolto)' 'Yksi lapsi' 'ääkköset åäö'; do
  i=$((i + 1))
  printf '%s' "$q" >"corpus/search_query/q$i"
done
echo "seeded: $(ls corpus/front_matter | wc -l) files, $(ls corpus/markdown_links | wc -l) bodies, $i queries"
