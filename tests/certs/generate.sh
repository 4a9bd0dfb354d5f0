#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
#
# Regenerates the test certificates. Run once from tests/certs/; the output is
# committed so the tests never need openssl.
set -eu
days=36500

# A CA that the tests add with gaio_http_client_set_ca_file().
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days $days \
  -subj "/CN=Gaio Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

sign () { # name subject-alt-names [extra openssl ca options]
  name=$1 san=$2; shift 2
  openssl req -newkey rsa:2048 -nodes -keyout "$name-key.pem" -out "$name.csr" -subj "/CN=$name"
  cat > "$name.ext" <<EXT
basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$san
EXT
  rm -rf ca-db && mkdir ca-db && touch ca-db/index.txt && echo 01 > ca-db/serial
  cat > ca.cnf <<CNF
[ca]
default_ca = test
[test]
dir = ca-db
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
certificate = ca.pem
private_key = ca-key.pem
default_md = sha256
policy = anything
copy_extensions = none
[anything]
commonName = supplied
CNF
  openssl ca -batch -config ca.cnf -in "$name.csr" -out "$name.pem" -extfile "$name.ext" -notext "$@"
  rm -rf ca-db ca.cnf "$name.csr" "$name.ext"
}

# Valid for 127.0.0.1 and localhost.
sign server "IP:127.0.0.1,DNS:localhost" -days $days
# Signed by the CA for the right names, but expired in 2020.
sign expired "IP:127.0.0.1,DNS:localhost" -startdate 20200101000000Z -enddate 20200102000000Z
# Signed by the CA, valid, but for another host.
sign wrong-host "DNS:wrong.example" -days $days

# Self-signed, for the right names, not chained to the CA.
openssl req -x509 -newkey rsa:2048 -nodes -keyout self-signed-key.pem -out self-signed.pem \
  -days $days -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"
