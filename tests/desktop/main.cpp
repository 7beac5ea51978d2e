// The desktop tests' own runner: item models and widgets need a
// QApplication, created here before Catch2 runs (QT_QPA_PLATFORM=offscreen
// is set by CTest).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>

int main(int argc, char** argv) {
    // Test discovery runs this binary at build time, outside CTest's
    // environment: never reach for a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("attackmap-tests"));
    return Catch::Session().run(argc, argv);
}
