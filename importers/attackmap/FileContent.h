#pragma once

#include <string>

#include <simdjson.h>

namespace attackmap {

/// Reads a file whole, padded for simdjson; throws InputError naming it
/// when it cannot be read.
simdjson::padded_string readFile(const std::string& path);

std::string sha256Hex(const char* data, std::size_t size);

/// For a document simdjson refused: the line and column of the first fault,
/// found by a slower parser that reports where it stopped.
std::string describeJsonError(const std::string& bytes, simdjson::error_code error);

} // namespace attackmap
