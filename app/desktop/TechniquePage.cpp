#include "TechniquePage.h"

#include "Logging.h"
#include "RichTextDelegate.h"
#include "ScoreChipDelegate.h"
#include "Session.h"
#include "TableLayout.h"
#include "Theme.h"

#include <QDesktopServices>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace attackmap::desktop {

namespace {

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

QString techniqueLink(const ObjectRef& ref) {
    return QStringLiteral("<a href=\"technique:%1\">%1</a> %2")
        .arg(q(ref.attackId).toHtmlEscaped(), q(ref.name).toHtmlEscaped());
}

/// ATT&CK's page for a group, software, campaign or mitigation.
QString attackUrl(const ObjectRef& ref) {
    static const QHash<QString, QString> folders = {
        {QStringLiteral("group"), QStringLiteral("groups")},
        {QStringLiteral("software"), QStringLiteral("software")},
        {QStringLiteral("campaign"), QStringLiteral("campaigns")},
        {QStringLiteral("mitigation"), QStringLiteral("mitigations")},
    };
    QString folder = folders.value(q(ref.type));
    if (folder.isEmpty() || ref.attackId.empty()) {
        return {};
    }
    return QStringLiteral("https://attack.mitre.org/%1/%2").arg(folder, q(ref.attackId));
}

} // namespace

TechniquePageModel::TechniquePageModel(Session& session, QObject* parent)
    : QObject(parent), m_session(session) {
    connect(&m_session, &Session::filterChanged, this, &TechniquePageModel::reloadMappings);
}

bool TechniquePageModel::load(const QString& attackId) {
    const auto& release = m_session.release();
    if (!release) {
        clear();
        return false;
    }
    auto technique = findTechnique(m_session.db(), release->id, attackId.trimmed().toStdString());
    if (!technique) {
        return false;
    }
    m_technique = std::move(technique);
    m_related = relatedObjects(m_session.db(), m_technique->id);
    m_description = DescriptionFormatter::toHtml(q(m_technique->description));
    m_mappings.setMappings(m_session.mappingsFor(q(m_technique->attackId)));
    emit changed();
    return true;
}

void TechniquePageModel::reloadMappings() {
    if (m_technique) {
        m_mappings.setMappings(m_session.mappingsFor(q(m_technique->attackId)));
        emit changed();
    }
}

void TechniquePageModel::clear() {
    m_technique.reset();
    m_related.clear();
    m_description = {};
    m_mappings.setMappings({});
    emit changed();
}

std::vector<std::int64_t> TechniquePageModel::frameworkReleaseIds() const {
    std::vector<std::int64_t> ids;
    for (const auto& mapping : m_mappings.mappings()) {
        if (std::find(ids.begin(), ids.end(), mapping.frameworkReleaseId) == ids.end()) {
            ids.push_back(mapping.frameworkReleaseId);
        }
    }
    return ids;
}

TechniquePage::TechniquePage(Session& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_model(session) {
    auto* scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_content = new QWidget;
    m_content->setObjectName(QStringLiteral("techniqueContent"));
    m_layout = new QVBoxLayout(m_content);
    m_layout->setContentsMargins(18, 14, 18, 18);
    m_layout->setSpacing(10);
    scroll->setWidget(m_content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(&m_model, &TechniquePageModel::changed, this, &TechniquePage::rebuild);
    rebuild();
}

QString TechniquePage::currentTechnique() const {
    const auto& technique = m_model.technique();
    return technique ? q(technique->attackId) : QString();
}

QLabel* TechniquePage::addLabel(const QString& html, const QString& objectName) {
    auto* label = new QLabel(html, m_content);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setOpenExternalLinks(false);
    label->setObjectName(objectName);
    connect(label, &QLabel::linkActivated, this, &TechniquePage::openLink);
    m_layout->addWidget(label);
    return label;
}

QString TechniquePage::coverageSummary() const {
    if (m_session.frameworkReleases().empty()) {
        return {};
    }
    const auto& technique = *m_model.technique();
    auto entry = m_session.coverage().entry(q(technique.attackId));
    QColor fill = Theme::coverageColor(entry.level, palette());
    QString chip =
        QStringLiteral("<span style=\"background-color:%1; color:%2\">&nbsp;%3&nbsp;</span>")
            .arg(fill.name(), Theme::textOn(fill).name(), toDisplayString(entry.level));
    QStringList perFramework;
    for (std::int64_t id : m_model.frameworkReleaseIds()) {
        int rows = 0;
        for (const auto& mapping : m_model.mappings().mappings()) {
            rows += mapping.frameworkReleaseId == id ? 1 : 0;
        }
        for (const auto& framework : m_session.frameworkReleases()) {
            if (framework.id == id) {
                // Several releases of one framework can be loaded: name each fully.
                perFramework << QStringLiteral("%1 %2 (ATT&CK %3): %4")
                                    .arg(q(framework.shortName), q(framework.frameworkVersion),
                                         q(framework.attackVersion))
                                    .arg(rows);
            }
        }
    }
    QString text = tr("<b>Coverage</b> under the framework filter: %1 &nbsp;·&nbsp; "
                      "<a href=\"mappings:\">%n mapping(s)</a>",
                      nullptr, m_model.mappings().rowCount())
                       .arg(chip);
    if (!perFramework.isEmpty()) {
        text += QStringLiteral(" (") + perFramework.join(QStringLiteral(", ")).toHtmlEscaped() +
                QLatin1Char(')');
    }
    return text;
}

void TechniquePage::openLink(const QString& link) {
    if (link == QLatin1String("mappings:")) {
        m_scroll->ensureWidgetVisible(m_tablesBox, 0, 0);
        m_scroll->verticalScrollBar()->setValue(m_tablesBox->y());
    } else if (link.startsWith(QLatin1String("technique:"))) {
        emit techniqueRequested(link.mid(10));
    } else if (link.startsWith(QLatin1String("http://")) ||
               link.startsWith(QLatin1String("https://"))) {
        QDesktopServices::openUrl(QUrl(link));
    }
}

void TechniquePage::rebuild() {
    // The page is small and rebuilt whole: simpler than patching widgets.
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_tables.clear();
    m_tablesBox = nullptr;

    const auto& technique = m_model.technique();
    if (!technique) {
        auto* empty = addLabel(tr("<h2>No technique selected</h2><p>Pick one in the tree, "
                                  "press Ctrl+L to go to an ID such as T1552.005, or click a "
                                  "cell of the matrix.</p>"));
        empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        m_layout->addStretch(1);
        return;
    }

    addLabel(QStringLiteral("<h1 style=\"margin:0\">%1 <span style=\"font-weight:normal\">"
                            "%2</span></h1>")
                 .arg(q(technique->attackId).toHtmlEscaped(), q(technique->name).toHtmlEscaped()),
             QStringLiteral("title"));

    if (!technique->live()) {
        QString text = technique->revoked ? tr("This technique is <b>revoked</b>.")
                                          : tr("This technique is <b>deprecated</b>.");
        if (technique->revokedBy) {
            text +=
                QLatin1Char(' ') + tr("Replaced by %1.").arg(techniqueLink(*technique->revokedBy));
        }
        auto* banner = addLabel(text, QStringLiteral("banner"));
        banner->setStyleSheet(QStringLiteral("QLabel#banner { background: #f6d7a7; color: #3a2500;"
                                             " border: 1px solid #d49a3a; border-radius: 4px;"
                                             " padding: 8px; }"));
    }

    // Facts as a two-column table.
    QStringList tactics;
    for (const auto& tactic : technique->tactics) {
        tactics << QStringLiteral("%1 (%2)").arg(q(tactic.name), q(tactic.attackId));
    }
    QStringList platforms;
    for (const auto& platform : technique->platforms) {
        platforms << q(platform);
    }
    QString facts = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    auto fact = [&facts](const QString& label, const QString& value) {
        if (!value.isEmpty()) {
            facts += QStringLiteral("<tr><td style=\"padding-right:14px\"><b>%1</b></td>"
                                    "<td>%2</td></tr>")
                         .arg(label, value);
        }
    };
    fact(tr("Tactics"), tactics.join(QStringLiteral(", ")).toHtmlEscaped());
    fact(tr("Platforms"), platforms.join(QStringLiteral(", ")).toHtmlEscaped());
    if (technique->parent) {
        fact(tr("Parent"), techniqueLink(*technique->parent));
    }
    QStringList subs;
    for (const auto& sub : technique->subtechniques) {
        subs << techniqueLink(sub);
    }
    fact(tr("Sub-techniques"), subs.join(QStringLiteral("<br>")));
    fact(tr("Release"), q(m_session.release()->spec()).toHtmlEscaped() +
                            (technique->objectVersion.empty()
                                 ? QString()
                                 : tr(", object version %1").arg(q(technique->objectVersion))));
    if (!technique->url.empty()) {
        fact(tr("ATT&CK page"), QStringLiteral("<a href=\"%1\">%1</a>").arg(q(technique->url)));
    }
    facts += QStringLiteral("</table>");
    addLabel(facts, QStringLiteral("facts"));
    addLabel(coverageSummary(), QStringLiteral("coverage"));

    const auto& description = m_model.description();
    addLabel(description.html, QStringLiteral("description"));
    if (!description.citations.isEmpty()) {
        QString references =
            QStringLiteral("<b>%1</b><ol style=\"margin-top:2px\">").arg(tr("References"));
        for (const auto& citation : description.citations) {
            references += QStringLiteral("<li>%1</li>").arg(citation.toHtmlEscaped());
        }
        addLabel(references + QStringLiteral("</ol>"), QStringLiteral("references"));
    }

    // Who uses it and what ATT&CK says mitigates or detects it.
    auto relatedTree = [this](const QString& heading, const QStringList& relationships) {
        std::vector<const RelatedObject*> rows;
        for (const auto& related : m_model.related()) {
            if (relationships.contains(q(related.relationship))) {
                rows.push_back(&related);
            }
        }
        if (rows.empty()) {
            return;
        }
        addLabel(QStringLiteral("<h3 style=\"margin-bottom:0\">%1 (%2)</h3>")
                     .arg(heading)
                     .arg(rows.size()));
        auto* tree = new QTreeWidget(m_content);
        tree->setColumnCount(3);
        tree->setHeaderLabels({tr("ID"), tr("Name"), tr("How")});
        tree->setRootIsDecorated(false);
        tree->setWordWrap(true);
        tree->setAlternatingRowColors(true);
        for (const auto* related : rows) {
            // One line per row: citations dropped, links reduced to their words.
            static const QRegularExpression citation(QStringLiteral(R"(\(Citation:[^)]*\))"));
            static const QRegularExpression link(QStringLiteral(R"(\[([^\]]+)\]\([^)]*\))"));
            QString how = q(related->description);
            how.remove(citation).replace(link, QStringLiteral("\\1"));
            how.remove(QStringLiteral("<code>")).remove(QStringLiteral("</code>"));
            auto* item = new QTreeWidgetItem(
                tree, {q(related->object.attackId), q(related->object.name), how.simplified()});
            item->setToolTip(2, how);
            item->setData(0, Qt::UserRole, attackUrl(related->object));
        }
        tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
        tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
        tree->header()->setStretchLastSection(true);
        int rowHeight = tree->sizeHintForRow(0) > 0 ? tree->sizeHintForRow(0) : 22;
        int visible = std::min<int>(static_cast<int>(rows.size()), 8);
        tree->setFixedHeight(tree->header()->sizeHint().height() + visible * rowHeight + 6);
        connect(tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
            openLink(item->data(0, Qt::UserRole).toString());
        });
        m_layout->addWidget(tree);
    };
    relatedTree(tr("Used by groups, software and campaigns"), {QStringLiteral("uses")});
    relatedTree(tr("ATT&CK mitigations"), {QStringLiteral("mitigates")});
    relatedTree(tr("Detected by"), {QStringLiteral("detects")});

    m_tablesBox = new QWidget(m_content);
    m_tablesLayout = new QVBoxLayout(m_tablesBox);
    m_tablesLayout->setContentsMargins(0, 0, 0, 0);
    m_tablesLayout->setSpacing(6);
    m_layout->addWidget(m_tablesBox);
    m_layout->addStretch(1);
    rebuildTables();
}

void TechniquePage::rebuildTables() {
    auto& mappings = m_model.mappings();
    auto ids = m_model.frameworkReleaseIds();
    auto* heading = new QLabel(m_tablesBox);
    heading->setTextFormat(Qt::RichText);
    heading->setWordWrap(true);
    if (m_session.frameworkReleases().empty()) {
        heading->setText(tr("<h3>Mapped capabilities</h3><p>No mapping files are loaded. Import "
                            "Mappings Explorer files (File → Import) to see which controls "
                            "mitigate or detect this technique.</p>"));
    } else if (!m_session.mappingFilter()) {
        heading->setText(tr("<h3>Mapped capabilities</h3><p>No framework is checked in the "
                            "framework filter.</p>"));
    } else if (ids.empty()) {
        heading->setText(tr("<h3>Mapped capabilities</h3><p>No capability of the checked "
                            "frameworks maps to this technique.</p>"));
    } else {
        heading->setText(tr("<h3>Mapped capabilities</h3><p>%n mapping(s) in %1 framework "
                            "release(s).</p>",
                            nullptr, mappings.rowCount())
                             .arg(ids.size()));
    }
    m_tablesLayout->addWidget(heading);

    for (std::int64_t id : ids) {
        QString label;
        for (const auto& framework : m_session.frameworkReleases()) {
            if (framework.id == id) {
                label = q(framework.label());
            }
        }
        auto* proxy = new QSortFilterProxyModel(m_tablesBox);
        proxy->setSourceModel(&mappings);
        proxy->setFilterRole(MappingTableModel::FrameworkReleaseRole);
        proxy->setFilterRegularExpression(QStringLiteral("^%1$").arg(id));
        auto* title = new QLabel(QStringLiteral("<b>%1</b> — %2")
                                     .arg(label.toHtmlEscaped())
                                     .arg(tr("%n row(s)", nullptr, proxy->rowCount())),
                                 m_tablesBox);
        m_tablesLayout->addWidget(title);

        auto* table = new QTableView(m_tablesBox);
        table->setModel(proxy);
        table->setObjectName(QStringLiteral("mappings-%1").arg(id));
        table->setColumnHidden(MappingTableModel::TechniqueColumn, true);
        // "Related to" only means something for sub-technique scores.
        bool anyRelated = std::any_of(
            mappings.mappings().begin(), mappings.mappings().end(), [id](const Mapping& m) {
                return m.frameworkReleaseId == id && !m.relatedScore.empty();
            });
        table->setColumnHidden(MappingTableModel::RelatedColumn, !anyRelated);
        table->setWordWrap(true);
        table->setAlternatingRowColors(true);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->verticalHeader()->hide();
        table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->setItemDelegateForColumn(MappingTableModel::ScoreColumn,
                                        new ScoreChipDelegate(table));
        auto* links = new RichTextDelegate(MappingTableModel::HtmlRole, table);
        table->setItemDelegateForColumn(MappingTableModel::ReferencesColumn, links);
        table->setItemDelegateForColumn(MappingTableModel::CommentsColumn, links);
        auto* header = table->horizontalHeader();
        header->setSectionResizeMode(QHeaderView::Fixed);
        m_tablesLayout->addWidget(table);
        m_tables.push_back(table);
    }
    QTimer::singleShot(0, this, &TechniquePage::fitTables);
}

void TechniquePage::fitTables() {
    // Columns share the page width in fixed proportions (comments get the
    // most), and tables grow to their rows so the page scrolls as one document.
    static const std::vector<std::pair<int, int>> shares = {
        {MappingTableModel::CapabilityColumn, 13}, {MappingTableModel::DescriptionColumn, 13},
        {MappingTableModel::TypeColumn, 12},       {MappingTableModel::ScoreColumn, 12},
        {MappingTableModel::RelatedColumn, 7},     {MappingTableModel::CommentsColumn, 28},
        {MappingTableModel::ReferencesColumn, 12}, {MappingTableModel::FlagsColumn, 6},
    };
    for (auto* table : m_tables) {
        shareColumnWidths(*table, shares);
        int height = table->horizontalHeader()->height() + 2 * table->frameWidth() + 2;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            height += table->rowHeight(row);
        }
        table->setFixedHeight(height);
    }
}

void TechniquePage::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // The tables get their new width when the layout runs, after this event.
    QTimer::singleShot(0, this, &TechniquePage::fitTables);
}

} // namespace attackmap::desktop
