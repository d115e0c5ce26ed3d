#!/usr/bin/env bash
# Installs what the build needs beyond Maven Central: the pixelmed DICOM toolkit from Debian, registered
# in the local Maven repository so that the shaded jar carries it. Debian's jar names system jars in its
# manifest Class-Path (an SLF4J 1.x binding among them, which would loop with Spark's logging bridge), so
# the jar is repackaged without that attribute; the version suffix ".1" marks the repackaging.
# With --notebooks it also installs what notebooks/ needs: Debian's Jupyter, JPype, pandas, matplotlib
# and pytest, all for Debian's /usr/bin/python3 (PySpark and pyarrow are not used).
set -euo pipefail
NOTEBOOK_PACKAGES="jupyter-notebook jupyter-nbconvert python3-nbconvert python3-ipykernel python3-jpype \
  python3-pandas python3-matplotlib python3-pytest"
DEBIAN_VERSION=20220618
VERSION=$DEBIAN_VERSION.1
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ! -f /usr/share/java/pixelmed.jar ] || [ ! -f /usr/share/java/pixelmed_imageio.jar ]; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpixelmed-java libpixelmed-imageio-java >/dev/null
fi
if [ "${1:-}" = --notebooks ] && ! /usr/bin/python3 -c 'import notebook, nbconvert, ipykernel, jpype, pandas, matplotlib, pytest' 2>/dev/null; then
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $NOTEBOOK_PACKAGES >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip_class_path() { # $1 source jar, $2 target jar
  python3 - "$1" "$2" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == 'META-INF/MANIFEST.MF':
            lines, skip = [], False
            for line in data.decode('utf-8').replace('\r\n', '\n').split('\n'):
                if line.startswith('Class-Path:'):
                    skip = True
                    continue
                if skip and line.startswith(' '):
                    continue
                skip = False
                lines.append(line)
            data = '\r\n'.join(lines).encode('utf-8')
        zout.writestr(item, data)
PY
}
repo="$HOME/.m2/repository/com/pixelmed"
for pair in "pixelmed:/usr/share/java/pixelmed.jar" "pixelmed-imageio:/usr/share/java/pixelmed_imageio.jar"; do
  artifact=${pair%%:*}; source=${pair#*:}
  if [ ! -f "$repo/$artifact/$VERSION/$artifact-$VERSION.jar" ]; then
    strip_class_path "$source" "$work/$artifact.jar"
    mvn -q -B -ntp install:install-file -Dfile="$work/$artifact.jar" -DgroupId=com.pixelmed \
      -DartifactId="$artifact" -Dversion=$VERSION -Dpackaging=jar
  fi
done
