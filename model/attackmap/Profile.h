#pragma once

// Coverage profiles: the capabilities an organisation has in place, read
// from CSV, JSON or an ATT&CK Navigator layer and kept in the database.

#include "attackmap/CoverageLevel.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attackmap {

class Database;

enum class CapabilityStatus { Implemented, Partial, Planned, Observed };

std::string_view toString(CapabilityStatus status); // implemented, partial, planned, observed
std::optional<CapabilityStatus> parseCapabilityStatus(std::string_view text);

/// The framework name of observed techniques: entries read from a Navigator
/// layer name ATT&CK techniques, not controls.
inline constexpr std::string_view observedFramework = "attack";

/// Trims outer whitespace; NIST 800-53 ids also lose inner spaces and
/// leading zeros and are upper-cased, so that AC-2, AC-02 and "ac-2 " are one
/// control and AC-02(01) is AC-2(1).
std::string canonicalCapabilityId(std::string_view framework, std::string_view id);

struct ProfileEntry {
    std::string framework;    // aws, nist_800_53, ... or "attack"
    std::string capabilityId; // as the file wrote it
    std::string canonicalId;
    CapabilityStatus status = CapabilityStatus::Implemented;
    /// Observed entries only: the coverage level seen for the technique.
    CoverageLevel observedLevel = CoverageLevel::None;
    /// False when no loaded framework release knows the id (kept on request).
    bool known = true;
};

struct Profile {
    std::int64_t id = 0;
    std::string name;
    std::string description;
    std::string source; // the file it was read from, or "" when built by hand
    std::string createdAt;
    std::vector<ProfileEntry> entries;
};

struct ProfileSummary {
    std::int64_t id = 0;
    std::string name;
    std::string description;
    std::string source;
    std::string createdAt;
    std::int64_t entryCount = 0;
    std::int64_t unknownCount = 0;
};

/// An entry as read from a file, with where it was.
struct ParsedEntry {
    ProfileEntry entry;
    std::string location; // "line 4" or "techniques[3]"
};

struct ParsedProfile {
    std::string file;
    std::string name;
    std::string description;
    std::vector<ParsedEntry> entries;
    /// Points of the file that were skipped on purpose, each with its place.
    std::vector<std::string> notes;
    /// From a Navigator layer: the domain and ATT&CK version it names.
    std::string layerDomain;
    std::string layerAttackVersion;
};

enum class ProfileFormat { Auto, Csv, Json, NavigatorLayer };

/// Reads a profile file without looking at the database. Throws InputError
/// naming the file and the line or JSON path of the first fault.
ParsedProfile parseProfileFile(const std::string& path, ProfileFormat format = ProfileFormat::Auto);

struct ProfileImportOptions {
    std::string name;         // default: the JSON name, else the file stem
    bool keepUnknown = false; // store unknown ids (flagged) instead of refusing the file
    std::string release;      // Navigator layers: the ATT&CK release to check ids against
    ProfileFormat format = ProfileFormat::Auto;
};

struct ProfileImportResult {
    Profile profile;
    bool replaced = false; // a profile of the same name was there before
    /// Unknown ids with their place ("team.csv: line 4: aws amazon_gaurdduty: ..."),
    /// then the parser's notes.
    std::vector<std::string> warnings;
    std::size_t unknownCount = 0;
};

/// Parses, checks every capability id against the loaded framework releases
/// (techniques of observed profiles against the ATT&CK release) and stores
/// the profile, replacing one of the same name. Unknown ids make the import
/// fail with an InputError listing each with its place, unless keepUnknown.
ProfileImportResult importProfile(Database& db, const std::string& path,
                                  const ProfileImportOptions& options = {});

/// Stores a profile built elsewhere (the desktop editor), replacing one of
/// the same name; returns its id. Entries are not checked.
std::int64_t saveProfile(Database& db, const Profile& profile);

std::vector<ProfileSummary> listProfiles(Database& db);

/// Throws NotFound naming the profiles there are.
Profile loadProfile(Database& db, std::string_view name);

/// False when there was no such profile.
bool deleteProfile(Database& db, std::string_view name);

/// The JSON form parseProfileFile reads back: {name, description, capabilities}.
std::string profileToJson(const Profile& profile);

} // namespace attackmap
