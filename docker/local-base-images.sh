#!/bin/sh
# ONLY for machines without a registry (no Docker Hub): builds local STAND-INS for the base images that
# docker/Dockerfile and the compose files name, and tags them under those exact names, so that the shipped files
# build and run unmodified. They are not the real images and must never be pushed:
#
#   eclipse-temurin:25.0.3_9-jdk-noble   Debian 12 minbase + the host's Temurin 25 JDK at /opt/java/openjdk
#   eclipse-temurin:25.0.3_9-jre-noble   Debian 12 minbase + a jlinked runtime of that JDK (no compiler, jshell, ...)
#   nginx:1.27-alpine                    Debian 12 minbase + Debian's nginx-light (1.22)
#   prom/prometheus:v3.5.0               Debian 12 minbase + Debian's prometheus (2.42)
#   curlimages/curl:8.11.1               Debian 12 minbase + curl (and mawk, for docker/loadgen/loadgen.sh)
#
# Grafana is not packaged by Debian: there is no stand-in, so `docker compose -f docker/docker-compose.yml up` must
# name the services it starts (intune-recsys prometheus). Differences that matter: the real Temurin images are
# Ubuntu 24.04 (noble); the Dockerfile's runtime stage runs apt-get, which here reaches Debian's mirror instead of
# Ubuntu's, and the package names it installs (libopenblas0, curl) exist in both.
#
# Usage, as root, from the repository root:   sh docker/local-base-images.sh   (or ENGINE=podman sh ...)
# Environment: ENGINE (docker or podman) [docker], JDK_HOME (a Temurin 25 JDK) [/usr/lib/jvm/temurin-25-jdk-amd64],
#   MIRROR [http://deb.debian.org/debian], ROOTFS (an existing debootstrap of bookworm to reuse) [a fresh one],
#   BUILD_NETWORK (network of the build containers, for apt-get) [host],
#   EXTRA_CA_DIR (*.crt files added to the stand-ins' trust stores, system and Java)
#   [/usr/local/share/ca-certificates].
# EXTRA_CA_DIR is for a TLS-intercepting proxy between this machine and Maven Central: the host trusts its CA, and
# without it the Dockerfile's Maven build fails with "certificate ... doesn't have a known issuer". The stand-ins'
# Java trust store is the host's (which holds those certificates), not the one Temurin ships.
# Needs debootstrap and the Debian mirror. Nothing in the Maven build or the tests uses these images.
set -eu

ENGINE=${ENGINE:-docker}
JDK_HOME=${JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
BUILD_NETWORK=${BUILD_NETWORK:-host}
BASE=intune-local/debian:bookworm-minbase
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[ "$(id -u)" = 0 ] || { echo "local-base-images: run as root (debootstrap)" >&2; exit 2; }
"$JDK_HOME/bin/java" -version 2>&1 | grep -q 'version "25' \
  || { echo "local-base-images: JDK_HOME=$JDK_HOME is not a JDK 25" >&2; exit 2; }

if [ -z "${ROOTFS:-}" ]; then
  ROOTFS=$WORK/rootfs
  debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR"
fi
EXTRA_CA_DIR=${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}
if ls "$EXTRA_CA_DIR"/*.crt > /dev/null 2>&1; then
  mkdir -p "$ROOTFS/usr/local/share/ca-certificates"
  cp "$EXTRA_CA_DIR"/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
fi
tar -C "$ROOTFS" --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' \
  --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' -c . | "$ENGINE" import - "$BASE"

# $1 = tag, $2 = context directory (holding the Dockerfile)
build() {
  "$ENGINE" build --network "$BUILD_NETWORK" -t "$1" "$2"
}

# What the Temurin images install on top of the OS, and their environment.
temurin() { # $1 = directory with the Java home to copy in (named java/ inside the context)
  cat > "$1/Dockerfile" <<EOF
FROM $BASE
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\
      ca-certificates p11-kit curl wget fontconfig tzdata locales binutils \\
 && echo 'en_US.UTF-8 UTF-8' > /etc/locale.gen && locale-gen && update-ca-certificates \\
 && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/opt/java/openjdk LANG=en_US.UTF-8 LANGUAGE=en_US:en LC_ALL=en_US.UTF-8 JAVA_VERSION=jdk-25.0.3+9
ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY java /opt/java/openjdk
EOF
}

mkdir -p "$WORK/jdk" "$WORK/jre"
cp -a "$JDK_HOME" "$WORK/jdk/java"
# Debian-packaged JDKs link cacerts to /etc/ssl/certs/java/cacerts, which the image lacks: copy the file itself.
java_trust() { cp --remove-destination "$(readlink -f "$JDK_HOME/lib/security/cacerts")" "$1/lib/security/cacerts"; }
java_trust "$WORK/jdk/java"
temurin "$WORK/jdk"
build eclipse-temurin:25.0.3_9-jdk-noble "$WORK/jdk"

# A JRE as Temurin's: every runtime module (jdk.incubator.vector included), none of the development tools.
modules=$("$JDK_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -Ev \
  '^jdk\.(compiler|javadoc|jshell|jlink|jpackage|jdeps|jartool|jdi|hotspot\.agent|jconsole|jstatd|editpad|internal\.ed|internal\.le|internal\.opt|jcmd|jdwp\.agent)$' \
  | paste -sd, -)
"$JDK_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$WORK/jre/java"
java_trust "$WORK/jre/java"
temurin "$WORK/jre"
build eclipse-temurin:25.0.3_9-jre-noble "$WORK/jre"

mkdir -p "$WORK/nginx"
cat > "$WORK/nginx/Dockerfile" <<EOF
FROM $BASE
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light \\
 && rm -rf /var/lib/apt/lists/* \\
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
EOF
build nginx:1.27-alpine "$WORK/nginx"

mkdir -p "$WORK/prometheus"
cat > "$WORK/prometheus/Dockerfile" <<EOF
FROM $BASE
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus \\
 && rm -rf /var/lib/apt/lists/* && mkdir -p /prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
EOF
build prom/prometheus:v3.5.0 "$WORK/prometheus"

mkdir -p "$WORK/curl"
cat > "$WORK/curl/Dockerfile" <<EOF
FROM $BASE
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates \\
 && rm -rf /var/lib/apt/lists/*
USER nobody
ENTRYPOINT ["curl"]
EOF
build curlimages/curl:8.11.1 "$WORK/curl"

"$ENGINE" images --format '{{.Repository}}:{{.Tag}} {{.Size}}' \
  | grep -E '^(localhost/)?(eclipse-temurin|nginx|prom/prometheus|curlimages/curl|intune-local/debian):' || true
