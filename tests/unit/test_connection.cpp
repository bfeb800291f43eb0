#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>
#include <libpq-fe.h>

#include "engine/connection.hpp"

using namespace schemactl::engine;

namespace {

// The message connect() throws for `conninfo`.
std::string connect_error(const std::string& conninfo) {
  try {
    connect(conninfo);
  } catch (const ConnectionError& e) {
    return e.what();
  }
  FAIL("connected to " << redact_conninfo(conninfo));
  return "";
}

// The value libpq reads for `keyword` from `conninfo`, or "<unset>".
std::string parsed(const std::string& conninfo, const std::string& keyword) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (error != nullptr) PQfreemem(error);
  REQUIRE(options != nullptr);
  std::string value = "<unset>";
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (keyword == o->keyword && o->val != nullptr) value = o->val;
  }
  PQconninfoFree(options);
  return value;
}

}  // namespace

TEST_CASE("resolve_conninfo prefers the explicit URL, then DATABASE_URL", "[connection]") {
  const char* saved = std::getenv("DATABASE_URL");
  const std::string restore = saved != nullptr ? saved : "";

  ::setenv("DATABASE_URL", "postgresql://from-env/db", 1);
  CHECK(resolve_conninfo(std::string("host=explicit")) == "host=explicit");
  CHECK(resolve_conninfo(std::nullopt) == "postgresql://from-env/db");
  ::unsetenv("DATABASE_URL");
  CHECK(resolve_conninfo(std::nullopt).empty());

  if (saved != nullptr) ::setenv("DATABASE_URL", restore.c_str(), 1);
}

TEST_CASE("redact_conninfo drops the password from URLs and key=value strings", "[connection]") {
  const std::string url = redact_conninfo("postgresql://alice:s3cret@db.example.com:5433/app?sslmode=require");
  CHECK(url.find("s3cret") == std::string::npos);
  CHECK(url.find("password") == std::string::npos);
  CHECK(parsed(url, "host") == "db.example.com");
  CHECK(parsed(url, "port") == "5433");
  CHECK(parsed(url, "user") == "alice");
  CHECK(parsed(url, "dbname") == "app");
  CHECK(parsed(url, "sslmode") == "require");

  const std::string kv = redact_conninfo("host=localhost password='p w' user=bob sslpassword=keypass");
  CHECK(kv.find("p w") == std::string::npos);
  CHECK(kv.find("keypass") == std::string::npos);
  CHECK(parsed(kv, "host") == "localhost");
  CHECK(parsed(kv, "user") == "bob");
  CHECK(parsed(kv, "password") == "<unset>");

  CHECK(redact_conninfo("").empty());
}

TEST_CASE("redact_conninfo never echoes a string it cannot parse", "[connection]") {
  CHECK(redact_conninfo("host=x password=hunter2 bogus") == "<unparseable connection string>");
  CHECK(redact_conninfo("postgresql://u:hunter2%zz@h/db") == "<unparseable connection string>");
}

TEST_CASE("conninfo values are quoted so that libpq reads them back", "[connection]") {
  CHECK(quote_conninfo_value("plain") == "plain");
  CHECK(quote_conninfo_value("") == "''");
  CHECK(quote_conninfo_value("a b") == "'a b'");
  CHECK(quote_conninfo_value(R"(it's\)") == R"('it\'s\\')");

  const std::string odd = R"(my 'odd' db\name)";
  CHECK(parsed("dbname=" + quote_conninfo_value(odd), "dbname") == odd);
  CHECK(parsed(redact_conninfo("dbname=" + quote_conninfo_value(odd)), "dbname") == odd);
}

TEST_CASE("with_database swaps the database and keeps the credentials", "[connection]") {
  const std::string url = with_database("postgresql://alice:s3cret@db.example.com:5433/app", "other db");
  CHECK(parsed(url, "dbname") == "other db");
  CHECK(parsed(url, "password") == "s3cret");
  CHECK(parsed(url, "host") == "db.example.com");
  CHECK(parsed(url, "port") == "5433");

  CHECK(parsed(with_database("", "x"), "dbname") == "x");
  CHECK_THROWS_AS(with_database("bogus", "x"), ConnectionError);
}

TEST_CASE("connect errors name the server and libpq's reason, never the password", "[connection]") {
  const std::string tcp = connect_error("postgresql://alice:s3cret@127.0.0.1:1/app?connect_timeout=5");
  CHECK(tcp.find("s3cret") == std::string::npos);
  CHECK(tcp.rfind("cannot connect to ", 0) == 0);
  CHECK(tcp.find("127.0.0.1") != std::string::npos);
  CHECK(tcp.find("refused") != std::string::npos);
  CHECK(tcp.back() != '\n');

  const std::string socket =
      connect_error("host=/nonexistent/schemactl-socket port=5432 user=bob password=hunter2 dbname=app");
  CHECK(socket.find("hunter2") == std::string::npos);
  CHECK(socket.find("/nonexistent/schemactl-socket") != std::string::npos);
  CHECK(socket.find("No such file") != std::string::npos);

  const std::string unparseable = connect_error("host=/nonexistent password=hunter2 bogus");
  CHECK(unparseable.find("hunter2") == std::string::npos);
}
