#!/usr/bin/env bash
# Installs what the build needs beyond Maven Central: the pixelmed DICOM toolkit from Debian,
# registered in the local Maven repository so that the shaded jar carries it.
set -euo pipefail
PIXELMED_VERSION=20220618
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ! -f /usr/share/java/pixelmed.jar ] || [ ! -f /usr/share/java/pixelmed_imageio.jar ]; then
  $SUDO apt-get update -qq
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpixelmed-java libpixelmed-imageio-java >/dev/null
fi
repo="$HOME/.m2/repository/com/pixelmed"
if [ ! -f "$repo/pixelmed/$PIXELMED_VERSION/pixelmed-$PIXELMED_VERSION.jar" ]; then
  mvn -q -B install:install-file -Dfile=/usr/share/java/pixelmed.jar -DgroupId=com.pixelmed \
    -DartifactId=pixelmed -Dversion=$PIXELMED_VERSION -Dpackaging=jar
fi
if [ ! -f "$repo/pixelmed-imageio/$PIXELMED_VERSION/pixelmed-imageio-$PIXELMED_VERSION.jar" ]; then
  mvn -q -B install:install-file -Dfile=/usr/share/java/pixelmed_imageio.jar -DgroupId=com.pixelmed \
    -DartifactId=pixelmed-imageio -Dversion=$PIXELMED_VERSION -Dpackaging=jar
fi
