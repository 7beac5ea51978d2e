#include "DescriptionFormatter.h"

#include <catch2/catch.hpp>

using namespace attackmap::desktop;

TEST_CASE("ATT&CK markdown becomes readable rich text", "[desktop][format]") {
    auto result = DescriptionFormatter::toHtml(QStringLiteral(
        "Query the API.(Citation: AWS Docs) See [Valid Accounts](/techniques/T1078) and "
        "<code>http[:]//169.254.169.254</code>.(Citation: AWS Docs)(Citation: Krebs 2019)\n\n"
        "* first & second\n* [bad](javascript:alert)"));

    SECTION("citations are numbered once each, in order of first mention") {
        REQUIRE(result.citations == QStringList{"AWS Docs", "Krebs 2019"});
        CHECK(result.html.count(QStringLiteral("[1]</a>")) == 2);
        CHECK(result.html.contains(QStringLiteral("[2]</a>")));
        CHECK_FALSE(result.html.contains(QStringLiteral("Citation:")));
    }
    SECTION("relative ATT&CK links point at attack.mitre.org; other schemes are dropped") {
        CHECK(result.html.contains(QStringLiteral(
            "<a href=\"https://attack.mitre.org/techniques/T1078\">Valid Accounts</a>")));
        CHECK_FALSE(result.html.contains(QStringLiteral("javascript")));
        CHECK(result.html.contains(QStringLiteral("<li>bad</li>")));
    }
    SECTION("code stays code and text is escaped") {
        CHECK(result.html.contains(QStringLiteral("<code>http[:]//169.254.169.254</code>")));
        CHECK(result.html.contains(QStringLiteral("<li>first &amp; second</li>")));
        CHECK(result.html.count(QStringLiteral("<p>")) == 1);
    }
}

TEST_CASE("references become links and snippets highlight their words", "[desktop][format]") {
    CHECK(DescriptionFormatter::linkify(QStringLiteral("see https://a.example/x?y=1 <b>")) ==
          QStringLiteral("see <a href=\"https://a.example/x?y=1\">https://a.example/x?y=1</a> "
                         "&lt;b&gt;"));
    QString html = DescriptionFormatter::highlightBrackets(QStringLiteral("the [metadata] API"));
    CHECK(html.startsWith(QStringLiteral("the <b style=")));
    CHECK(html.endsWith(QStringLiteral(">metadata</b> API")));
}
