#pragma once

#include "attackmap/Coverage.h"

#include <QStandardItemModel>
#include <QWidget>

#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace attackmap::desktop {

class Session;

/// The gap analysis tab: a profile chooser, coverage per tactic as a
/// stacked bar chart, the ranked gaps and the recommendations, for the
/// current release and framework filter; exports the report and the layer.
class GapView : public QWidget {
    Q_OBJECT

public:
    GapView(Session& session, QWidget* parent = nullptr);

    /// Imports a profile file and shows it; false (with the reason) when the
    /// file is refused.
    bool importProfileFile(const QString& path, QString* error = nullptr);
    void setProfile(const QString& name);

    const std::optional<CoverageResult>& result() const { return m_result; }
    QStandardItemModel& gapModel() { return m_gaps; }
    QStandardItemModel& recommendationModel() { return m_recommendations; }

signals:
    void techniqueActivated(const QString& attackId);

private:
    void reloadProfiles();
    void analyse();
    void showResult();
    void showChart();
    void chooseImport();
    void exportReport();
    void exportLayer();

    Session& m_session;
    QComboBox* m_profileBox = nullptr;
    QLineEdit* m_groups = nullptr;
    QLabel* m_summary = nullptr;
    QChartView* m_chart = nullptr;
    QTableView* m_gapTable = nullptr;
    QTableView* m_recommendationTable = nullptr;
    QStandardItemModel m_gaps;
    QStandardItemModel m_recommendations;
    std::optional<CoverageResult> m_result;
};

} // namespace attackmap::desktop
