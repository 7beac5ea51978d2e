#include "attackmap/Error.h"
#include "attackmap/FileBytes.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace attackmap;

namespace {

/// Writes a JSON array of the given length in bytes: [1,1,...,1 ] padded with spaces.
std::string writeJson(std::size_t length) {
    auto path = std::filesystem::temp_directory_path() /
                ("attackmap-bytes-" + std::to_string(length) + ".json");
    std::string text = "[1";
    while (text.size() + 2 < length) {
        text += ",1";
    }
    text.resize(length - 1, ' ');
    text += ']';
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

} // namespace

TEST_CASE("File bytes parse whether mapped or copied", "[import][bytes]") {
    // 100 bytes: mapped. 4096: a whole page, no room for padding: copied.
    // 4090: the padding would cross the page: copied. 5000: mapped.
    for (std::size_t length : {100, 4096, 4090, 5000}) {
        CAPTURE(length);
        FileBytes bytes(writeJson(length));
        CHECK(bytes.size() == length);
        simdjson::dom::parser parser;
        simdjson::dom::array array;
        REQUIRE(bytes.parse(parser).get(array) == simdjson::SUCCESS);
        CHECK(array.size() == (length - 1) / 2);
        FileBytes moved(std::move(bytes));
        CHECK(moved.text().back() == ']');
    }
}

TEST_CASE("A missing file or a folder is an input error naming it", "[import][bytes]") {
    CHECK_THROWS_WITH(FileBytes("/no/such/file.json"),
                      "/no/such/file.json: cannot open: No such file or directory");
    CHECK_THROWS_AS(FileBytes(std::filesystem::temp_directory_path().string()), InputError);
}

TEST_CASE("SHA-256 of known text", "[import][bytes]") {
    CHECK(sha256Hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
