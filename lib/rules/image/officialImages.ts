// Docker Hub's `library/` namespace holds only Docker's official images, a small curated set
// (docker-library/official-images, `library/` directory). Any other `docker.io/library/<name>` does not
// exist, so Docker Hub's "pull access denied … may require authorization" for it means "not found".
// Checked against that directory (deprecated repositories included, e.g. adoptopenjdk, biicode).
// The list errs towards inclusion (deprecated repositories still exist): a name missing from it would turn
// a real denial into a false "does not exist", a name too many only keeps today's ambiguous answer.
import type { ImageReference } from './imageReference.ts';

const OFFICIAL = new Set(
  `abcl adminer adoptopenjdk adoptopenjdk-hotspot adoptopenjdk-openj9 aerospike aerospike-tools alibaba-dragonwell
  almalinux alpine alt amazoncorretto amazonlinux api-firewall apisix arangodb archlinux azul-zulu backdrop bash
  biicode bonita buildpack-deps bun busybox caddy cassandra celery centos chronograf cirros clearlinux clefos
  clickhouse clojure cockroachdb composer consul convertigo couchbase couchdb crate crux cryptpad dart datadog
  debian django docker docker-dev dovecot drupal eclipse-mosquitto eclipse-temurin eggdrop ekuiper elasticsearch
  elixir emqx erlang espocrm euleros eventstore express-gateway fedora flectra flink flink-statefun fluentd
  friendica fsharp gazebo gcc geode geonetwork ghost glassfish golang gradle groovy haproxy haskell haxe
  hello-seattle hello-world hipache hitch httpd hylang ibm-semeru-runtimes ibmjava influxdb iojs irssi java
  jenkins jetty jobber joomla jruby julia kaazing-gateway kapacitor kibana known kong krakend lightstreamer
  liquibase logstash mageia mariadb matomo maven mediawiki memcached mongo mongo-express monica mono mysql nats
  nats-streaming neo4j neurodebian nextcloud nginx node notary nuxeo odoo open-liberty openjdk opensuse
  oraclelinux orientdb owncloud percona perl photon php php-zendserver phpmyadmin piwik plone postfixadmin
  postgres pypy python r-base rabbitmq rails rakudo-star rapidoid redis redmine registry rethinkdb rocket.chat
  rockylinux ros ruby rust sapmachine satosa scratch sentry silverpeas sl solr sonarqube sourcemage spark spiped
  storm swarm swift swipl teamspeak telegraf thrift tomcat tomee traefik ubuntu ubuntu-debootstrap ubuntu-upstart
  unit varnish vault websphere-liberty wordpress xwiki yourls znc zookeeper`.split(/\s+/).filter(Boolean),
);

/** The name of a `docker.io/library/<name>` reference, else undefined. */
export function libraryName(ref: ImageReference): string | undefined {
  if (ref.registry !== 'docker.io') return undefined;
  const m = /^library\/([^/]+)$/.exec(ref.repository);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** `docker.io/library/<name>` where <name> is not one of Docker's official images: that repository does not exist. */
export function isUnofficialLibraryImage(ref: ImageReference): boolean {
  const name = libraryName(ref);
  return name !== undefined && !OFFICIAL.has(name);
}
