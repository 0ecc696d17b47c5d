#!/usr/bin/env bash
# Refresh the Vietnamese catalogue of django-allauth's strings after an allauth upgrade.
#
# The portal's own msgids are Vietnamese, so locale/vi holds only allauth's strings (allauth ships
# no Vietnamese). Never run `makemessages -l vi` over the project: it would fill this file with
# the portal's own Vietnamese msgids. This script instead extracts the msgids of the allauth parts
# the portal deploys (account, mfa, usersessions, core and their templates, e-mails included;
# not socialaccount, headless, idp, openid, saml or providers) from the installed allauth, merges
# them into django.po (translations kept, obsolete entries dropped, new ones left empty or fuzzy)
# and compiles django.mo.
#
# Usage:  PYTHON=/path/to/venv/bin/python locale/vi/refresh_allauth.sh
#         (PYTHON defaults to the repository's .venv/bin/python, else python3)
# Then translate every empty or fuzzy entry, run the script again (it recompiles django.mo),
# run tests/ntm_portal/test_i18n_allauth.py and commit django.po and django.mo together.
# Needs the gettext tools (xgettext, msgmerge, msgattrib, msgfmt).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
po="$here/LC_MESSAGES/django.po"
mo="$here/LC_MESSAGES/django.mo"
if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x "$root/.venv/bin/python" ]]; then PYTHON="$root/.venv/bin/python"; else PYTHON=python3; fi
fi

allauth="$("$PYTHON" -c 'import allauth, os; print(os.path.dirname(allauth.__file__))')"
version="$("$PYTHON" -c 'import allauth; print(allauth.__version__)')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Copy the deployed parts under an "allauth/" folder so the location comments read like
# "allauth/templates/mfa/index.html"; makemessages needs a locale/ folder to write into.
mkdir -p "$work/allauth/templates" "$work/locale/vi/LC_MESSAGES"
for part in account mfa usersessions core; do
    cp -R "$allauth/$part" "$work/allauth/"
done
for part in account mfa usersessions allauth; do
    cp -R "$allauth/templates/$part" "$work/allauth/templates/"
done
cp "$po" "$work/locale/vi/LC_MESSAGES/django.po"

# Without the portal's settings: makemessages then configures a bare Django itself.
# --add-location=file keeps line numbers out of the file, so an upgrade's diff shows only
# msgids that changed.
(
    cd "$work"
    env -u DJANGO_SETTINGS_MODULE "$PYTHON" -m django makemessages --locale=vi \
        --extension=html,txt,py --no-obsolete --add-location=file \
        --ignore='*/tests/*' --ignore='__pycache__'
)
cp "$work/locale/vi/LC_MESSAGES/django.po" "$po"
msgfmt --check --statistics -o "$mo" "$po"
echo "Merged the msgids of django-allauth $version into $po and compiled $mo."
echo "Translate any untranslated or fuzzy entry above, then run this script again."
