#include "DescriptionFormatter.h"

#include <QRegularExpression>

namespace attackmap::desktop::DescriptionFormatter {

namespace {

bool isWebUrl(const QString& url) {
    return url.startsWith(QLatin1String("https://")) || url.startsWith(QLatin1String("http://"));
}

/// One paragraph or list item: escape, then restore the markup ATT&CK uses.
QString formatInline(const QString& text, QStringList& citations) {
    static const QRegularExpression token(
        QStringLiteral(R"(\(Citation: ([^)]+)\)|\[([^\]]+)\]\(([^)\s]+)\)|<code>(.*?)</code>)"));
    QString html;
    qsizetype at = 0;
    auto it = token.globalMatch(text);
    while (it.hasNext()) {
        auto match = it.next();
        html += text.mid(at, match.capturedStart() - at).toHtmlEscaped();
        at = match.capturedEnd();
        if (match.capturedLength(1) > 0) {
            QString name = match.captured(1).trimmed();
            qsizetype number = citations.indexOf(name);
            if (number < 0) {
                citations << name;
                number = citations.size() - 1;
            }
            html += QStringLiteral("<sup><a href=\"cite:%1\" title=\"%2\">[%1]</a></sup>")
                        .arg(number + 1)
                        .arg(name.toHtmlEscaped());
        } else if (match.capturedLength(2) > 0) {
            QString label = match.captured(2).toHtmlEscaped();
            QString url = match.captured(3);
            if (url.startsWith(QLatin1Char('/'))) {
                // ATT&CK links its own pages relative to its site.
                url = QStringLiteral("https://attack.mitre.org") + url;
            }
            html += isWebUrl(url)
                        ? QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), label)
                        : label;
        } else {
            html += QStringLiteral("<code>%1</code>").arg(match.captured(4).toHtmlEscaped());
        }
    }
    html += text.mid(at).toHtmlEscaped();
    return html;
}

} // namespace

Result toHtml(const QString& markdown) {
    Result result;
    QString text = markdown;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    const QStringList blocks =
        text.split(QRegularExpression(QStringLiteral("\n\\s*\n")), Qt::SkipEmptyParts);
    for (const QString& block : blocks) {
        const QStringList lines = block.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        bool list = !lines.isEmpty() && std::all_of(lines.begin(), lines.end(), [](auto& l) {
            QString t = l.trimmed();
            return t.startsWith(QLatin1String("* ")) || t.startsWith(QLatin1String("- "));
        });
        if (list) {
            result.html += QStringLiteral("<ul>");
            for (const QString& line : lines) {
                result.html += QStringLiteral("<li>") +
                               formatInline(line.trimmed().mid(2), result.citations) +
                               QStringLiteral("</li>");
            }
            result.html += QStringLiteral("</ul>");
        } else {
            result.html += QStringLiteral("<p>") +
                           formatInline(lines.join(QLatin1Char(' ')).trimmed(), result.citations) +
                           QStringLiteral("</p>");
        }
    }
    return result;
}

QString linkify(const QString& text) {
    static const QRegularExpression url(QStringLiteral(R"(https?://[^\s<>"']+)"));
    QString html;
    qsizetype at = 0;
    auto it = url.globalMatch(text);
    while (it.hasNext()) {
        auto match = it.next();
        html += text.mid(at, match.capturedStart() - at).toHtmlEscaped();
        QString link = match.captured(0).toHtmlEscaped();
        html += QStringLiteral("<a href=\"%1\">%1</a>").arg(link);
        at = match.capturedEnd();
    }
    html += text.mid(at).toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return html;
}

QString highlightBrackets(const QString& snippet) {
    QString html = snippet.toHtmlEscaped();
    html.replace(QLatin1Char('['), QLatin1String("<b style=\"background-color:#f3d34a;"
                                                 "color:#1a1a1a\">"));
    html.replace(QLatin1Char(']'), QLatin1String("</b>"));
    html.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return html;
}

} // namespace attackmap::desktop::DescriptionFormatter
