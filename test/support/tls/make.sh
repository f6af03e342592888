#!/bin/sh
# Regenerates the test CA and the 127.0.0.1/localhost server certificate used by the fake API server
# (test/support/fakeApiServer.ts). Run from this folder with OpenSSL 3. Valid 2020-01-01 .. 2050-01-01,
# back-dated so a machine with a wrong clock still accepts them; expired.crt, signed by the same CA,
# expired on 2021-01-01 (the sick-server tests). Test-only: the private keys are public.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
touch "$work/index.txt"
cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test_ca
[test_ca]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
commonName = supplied
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost,DNS:kubernetes
authorityKeyIdentifier = keyid
CNF
echo 1000 > "$work/serial"
dates="-startdate 20200101000000Z -enddate 20500101000000Z"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=podwhy-test-ca" -keyout ca.key -out "$work/ca.csr"
openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile ca.key $dates \
  -extensions ca_ext -in "$work/ca.csr" -out ca.crt -notext
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=kube-apiserver" -keyout server.key -out "$work/server.csr"
openssl ca -batch -config "$work/ca.cnf" -cert ca.crt -keyfile ca.key $dates \
  -extensions server_ext -in "$work/server.csr" -out server.crt -notext
openssl verify -CAfile ca.crt server.crt
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=kube-apiserver" -keyout expired.key -out "$work/expired.csr"
openssl ca -batch -config "$work/ca.cnf" -cert ca.crt -keyfile ca.key -startdate 20200101000000Z -enddate 20210101000000Z \
  -extensions server_ext -in "$work/expired.csr" -out expired.crt -notext
