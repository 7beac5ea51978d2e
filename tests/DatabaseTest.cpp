#include "attackmap/Attack.h"
#include "attackmap/Database.h"
#include "attackmap/Error.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace attackmap;

TEST_CASE("A new database is migrated to the newest schema", "[database]") {
    Database db(":memory:");
    CHECK(db.schemaVersion() >= 1);
    auto stmt = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'attack_release'");
    REQUIRE(stmt.step());
    CHECK(stmt.integer(0) == 1);
}

TEST_CASE("A file database uses WAL and foreign keys", "[database]") {
    auto path = std::filesystem::temp_directory_path() / "attackmap-wal-test.db";
    std::filesystem::remove(path);
    {
        Database db(path.string());
        auto mode = db.prepare("PRAGMA journal_mode");
        REQUIRE(mode.step());
        CHECK(mode.text(0) == "wal");
        auto keys = db.prepare("PRAGMA foreign_keys");
        REQUIRE(keys.step());
        CHECK(keys.integer(0) == 1);
    }
    std::filesystem::remove(path);
}

TEST_CASE("A database newer than the build is refused", "[database]") {
    auto path = std::filesystem::temp_directory_path() / "attackmap-future-test.db";
    std::filesystem::remove(path);
    {
        Database db(path.string());
        db.exec("PRAGMA user_version = 999");
    }
    CHECK_THROWS_WITH(Database(path.string()), Catch::Contains("schema version 999 is newer"));
    std::filesystem::remove(path);
}

TEST_CASE("A transaction rolls back unless committed", "[database]") {
    Database db(":memory:");
    {
        Transaction transaction(db);
        db.exec("INSERT INTO attack_release (domain, version, name, stix_version, source_file, "
                "sha256) VALUES ('enterprise', '1.0', 'x', '2.0', 'f', 'h')");
    }
    auto stmt = db.prepare("SELECT count(*) FROM attack_release");
    REQUIRE(stmt.step());
    CHECK(stmt.integer(0) == 0);
}

TEST_CASE("SQL errors carry SQLite's code and the statement", "[database]") {
    Database db(":memory:");
    try {
        db.exec("SELECT * FROM no_such_table");
        FAIL("expected an error");
    } catch (const DatabaseError& e) {
        CHECK(e.code() == 1);
        CHECK(e.statement() == "SELECT * FROM no_such_table");
        CHECK_THAT(e.what(), Catch::Contains("no such table"));
    }
}

TEST_CASE("ATT&CK versions compare as numbers", "[attack]") {
    CHECK(compareVersions("9.0", "16.1") < 0);
    CHECK(compareVersions("17.1", "16.1") > 0);
    CHECK(compareVersions("16.1", "16.1") == 0);
    CHECK(compareVersions("16", "16.0") == 0);
}

TEST_CASE("Another application's SQLite file is refused, not adopted", "[database]") {
    auto other = std::filesystem::temp_directory_path() / "attackmap-other-app.db";
    std::filesystem::remove(other);
    {
        Database memory(":memory:");
        memory.exec("ATTACH '" + other.string() + "' AS other");
        memory.exec("CREATE TABLE other.notes (text TEXT)");
        memory.exec("DETACH other");
    }
    CHECK_THROWS_WITH(Database(other.string()),
                      other.string() + ": not an attackmap database: it holds tables of its own");
    std::filesystem::remove(other);
}
