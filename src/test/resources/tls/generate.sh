#!/usr/bin/env bash
# Regenerates the test TLS material in this folder. Run once; the outputs are committed.
# Needs openssl (3.x) and keytool (JDK 17). Every password is "changeit". Validity: 100 years, except expired-*.
set -euo pipefail
cd "$(dirname "$0")"
PW=changeit
DAYS=36500
rm -f ./*.pem ./*.key ./*.p12 ./*.jks ./*.srl ./*.csr
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# CA
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $DAYS -subj "/CN=MQScope Test CA/O=MQScope" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
# A CA that signed nothing here: clients trusting only it must reject the server
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/other-ca.key" -out other-ca.pem -days $DAYS \
  -subj "/CN=MQScope Wrong CA/O=Elsewhere" -addext "basicConstraints=critical,CA:TRUE"

leaf() { # name subject san extendedKeyUsage
  openssl req -newkey rsa:2048 -nodes -keyout "$tmp/$1.key" -out "$tmp/$1.csr" -subj "$2"
  printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n%s\n' "$4" "$3" > "$tmp/$1.ext"
  openssl x509 -req -in "$tmp/$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.pem" -days $DAYS -extfile "$tmp/$1.ext"
  openssl pkcs8 -topk8 -nocrypt -in "$tmp/$1.key" -out "$1.key"
}
leaf server "/CN=localhost/O=MQScope" "subjectAltName=DNS:localhost,IP:127.0.0.1" serverAuth
leaf wrong-host "/CN=wrong.example/O=MQScope" "subjectAltName=DNS:wrong.example" serverAuth
leaf client "/CN=mqscope-test-client/O=MQScope" "" clientAuth
# encrypted PKCS#8 copy of the client key
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:$PW -in client.key -out client-encrypted.key

# expired server certificate (valid 2000-01-01 .. 2001-01-01), signed by the test CA
mkdir -p "$tmp/ca/newcerts"; touch "$tmp/ca/index.txt"; echo 1000 > "$tmp/ca/serial"
cat > "$tmp/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $tmp/ca
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = any
copy_extensions = copy
[any]
commonName = supplied
CNF
openssl req -newkey rsa:2048 -nodes -keyout "$tmp/expired.key" -out "$tmp/expired.csr" -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1"
openssl ca -batch -config "$tmp/ca.cnf" -cert ca.pem -keyfile ca.key -in "$tmp/expired.csr" -out expired-server.pem \
  -startdate 20000101000000Z -enddate 20010101000000Z -notext
openssl pkcs8 -topk8 -nocrypt -in "$tmp/expired.key" -out expired-server.key

# PKCS#12 and JKS for Java servers (HiveMQ) and PKCS#12 client certificate
openssl pkcs12 -export -in server.pem -inkey server.key -certfile ca.pem -name server -out server.p12 -passout pass:$PW
keytool -importkeystore -srckeystore server.p12 -srcstoretype PKCS12 -srcstorepass $PW -destkeystore server.jks \
  -deststoretype JKS -deststorepass $PW -destkeypass $PW -noprompt
openssl pkcs12 -export -in client.pem -inkey client.key -certfile ca.pem -name client -out client.p12 -passout pass:$PW
keytool -importcert -alias ca -file ca.pem -keystore truststore.jks -storetype JKS -storepass $PW -noprompt
rm -f ca.srl
