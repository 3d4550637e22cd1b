#!/bin/sh
# Makes the legacy-format fixtures (Word 97-2003 .doc, OpenDocument .odt,
# RTF) from plan_sections.docx with LibreOffice, each beside a copy of its
# expected tasks. Run from the module root after `go run ./testdata/docx/gen`:
#
#	sh testdata/docx/gen/legacy.sh
set -eu
dir=testdata/docx
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for ext in doc odt rtf; do
	soffice -env:UserInstallation="file://$profile" --headless --norestore \
		--convert-to "$ext" --outdir "$dir" "$dir/plan_sections.docx" >/dev/null
	mv "$dir/plan_sections.$ext" "$dir/plan_sections_$ext.$ext"
	cp "$dir/plan_sections.want.json" "$dir/plan_sections_$ext.want.json"
done
