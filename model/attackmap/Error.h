#pragma once

#include <stdexcept>
#include <string>

namespace attackmap {

/// A failure of the store: SQLite's result code and the statement that failed.
class DatabaseError : public std::runtime_error {
public:
    DatabaseError(const std::string& message, int code, std::string statement = {})
        : std::runtime_error(message), m_code(code), m_statement(std::move(statement)) {}

    int code() const { return m_code; }
    const std::string& statement() const { return m_statement; }

private:
    int m_code;
    std::string m_statement;
};

/// Input that cannot be used: names the file and the place in it.
class InputError : public std::runtime_error {
public:
    InputError(std::string file, std::string location, const std::string& message)
        : std::runtime_error(format(file, location, message)), m_file(std::move(file)),
          m_location(std::move(location)) {}

    const std::string& file() const { return m_file; }
    const std::string& location() const { return m_location; }

private:
    static std::string format(const std::string& file, const std::string& location,
                              const std::string& message) {
        std::string text = file;
        if (!location.empty()) {
            text += ": " + location;
        }
        return text + ": " + message;
    }

    std::string m_file;
    std::string m_location;
};

/// A request the store cannot answer, such as an unknown release or technique.
class NotFound : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace attackmap
