#pragma once

#include <QString>
#include <QStringList>

namespace attackmap::desktop {

/// ATT&CK descriptions as readable rich text.
namespace DescriptionFormatter {

struct Result {
    QString html;          // paragraphs and lists, links, code, citation marks
    QStringList citations; // source names, in order of first mention
};

/// Turns ATT&CK's light markdown into HTML: paragraphs, "* " lists,
/// [text](url) links (http and https only), <code> kept as code, and each
/// "(Citation: Name)" replaced by a numbered mark that refers to
/// Result::citations. Everything else is escaped.
Result toHtml(const QString& markdown);

/// HTML for a text that is shown as-is, with http(s) URLs as links.
QString linkify(const QString& text);

/// "...the [metadata] API..." (search snippets) with brackets turned into
/// highlighted words.
QString highlightBrackets(const QString& snippet);

} // namespace DescriptionFormatter

} // namespace attackmap::desktop
