#include "attackmap/FileBytes.h"

#include "attackmap/Error.h"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace attackmap {

namespace {

/// Closes a file descriptor when it goes out of scope.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

[[noreturn]] void failRead(const std::string& path, const char* what) {
    throw InputError(path, "", std::string(what) + ": " + std::strerror(errno));
}

} // namespace

FileBytes::FileBytes(const std::string& path) {
    Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) {
        failRead(path, "cannot open");
    }
    struct stat info {};
    if (::fstat(file.fd, &info) != 0) {
        failRead(path, "cannot read");
    }
    if (!S_ISREG(info.st_mode)) {
        throw InputError(path, "", "not a regular file");
    }
    m_size = static_cast<std::size_t>(info.st_size);

    // simdjson reads up to SIMDJSON_PADDING bytes past the end. A mapping
    // may only be read within its last page, which the kernel fills with
    // zeros past the end of the file: map when the padding fits there.
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t tail = m_size % page;
    if (m_size > 0 && tail != 0 && tail + simdjson::SIMDJSON_PADDING <= page) {
        m_mapLength = m_size;
        m_map = ::mmap(nullptr, m_mapLength, PROT_READ, MAP_PRIVATE | MAP_POPULATE, file.fd, 0);
        if (m_map != MAP_FAILED) {
            m_data = static_cast<const char*>(m_map);
            return;
        }
        m_map = nullptr;
    }

    m_copy = simdjson::padded_string(m_size);
    std::size_t done = 0;
    while (done < m_size) {
        ssize_t n = ::read(file.fd, m_copy.data() + done, m_size - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            failRead(path, "cannot read the whole file");
        }
        done += static_cast<std::size_t>(n);
    }
    m_data = m_copy.data();
}

FileBytes::~FileBytes() {
    if (m_map) {
        ::munmap(m_map, m_mapLength);
    }
}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : m_map(other.m_map), m_mapLength(other.m_mapLength), m_copy(std::move(other.m_copy)),
      m_data(m_map ? other.m_data : m_copy.data()), m_size(other.m_size) {
    other.m_map = nullptr;
    other.m_data = nullptr;
    other.m_size = 0;
}

std::string sha256Hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    // OpenSSL uses the CPU's SHA extensions where there are some: several
    // times faster than a portable implementation on 40 MB bundles.
    EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr);
    static constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        text += hex[digest[i] >> 4];
        text += hex[digest[i] & 0xf];
    }
    return text;
}

std::string describeJsonError(std::string_view bytes, simdjson::error_code error) {
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
