#include "attackmap/FileContent.h"

#include "attackmap/Error.h"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace attackmap {

simdjson::padded_string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        throw InputError(path, "", std::string("cannot open: ") + std::strerror(errno));
    }
    auto size = static_cast<std::size_t>(in.tellg());
    in.seekg(0);
    simdjson::padded_string content(size);
    if (!in.read(content.data(), static_cast<std::streamsize>(size))) {
        throw InputError(path, "", "cannot read the whole file");
    }
    return content;
}

std::string sha256Hex(const char* data, std::size_t size) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    // OpenSSL uses the CPU's SHA extensions where there are some: several
    // times faster than a portable implementation on 40 MB bundles.
    EVP_Digest(data, size, digest.data(), &length, EVP_sha256(), nullptr);
    static constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        text += hex[digest[i] >> 4];
        text += hex[digest[i] & 0xf];
    }
    return text;
}

std::string describeJsonError(const std::string& bytes, simdjson::error_code error) {
    try {
        auto parsed = nlohmann::json::parse(bytes);
        (void)parsed;
    } catch (const nlohmann::json::parse_error& e) {
        // e.what() starts with "[json.exception.parse_error.101] parse error at line 3,
        // column 5: ..."; keep what follows the bracketed tag.
        std::string message = e.what();
        auto tag = message.find("] ");
        return tag == std::string::npos ? message : message.substr(tag + 2);
    }
    return std::string("not valid JSON: ") + simdjson::error_message(error);
}

} // namespace attackmap
