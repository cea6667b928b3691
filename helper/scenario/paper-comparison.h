/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef WEB_PROXY_PAPER_COMPARISON_H
#define WEB_PROXY_PAPER_COMPARISON_H

#include "run-statistics.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief An example's figures over independent runs beside a paper's, with a verdict each.
 *
 * A figure is one cell of one of the paper's tables (table, row, metric), the paper's value
 * (NaN where the paper gives none) and one measured value per run. Its verdict is "pass" only
 * when every rule holds:
 *   - sign: the mean has the paper's sign;
 *   - ordering: for every other row of the same table and metric with a paper value, the
 *     mean lies above or below that row's mean as the paper's value lies above or below that
 *     row's (rows the paper ties are not compared);
 *   - interval: the 95% confidence interval (RunStatistics) lies on the paper's side of zero
 *     (no interval with one run: the rule fails);
 *   - distance: the mean is within 5 points of the paper (POINTS: percentages and other
 *     point figures) or within 20% of it (RELATIVE: seconds, bytes, counts).
 * Otherwise "fail", and the reason names each rule that failed; "none" where the paper has
 * no figure, and for a CONTEXT figure (the paper's value shown beside ours, but a count that
 * grows with the size of the paper's trace, which the example scales down: compare factors
 * between its rows instead). The sign and interval rules do not apply where the paper's figure
 * is 0.
 *
 * WriteCsv() writes the columns table,row,metric,paper,mean,ci95_low,ci95_high,runs,verdict,
 * then reason (an extra column after the required ones); WriteRunsCsv() every run's value.
 */
class PaperComparison
{
  public:
    /// How far from the paper a mean may lie.
    enum Scale
    {
        POINTS,   //!< within POINTS_TOLERANCE, absolute (percentages, point figures)
        RELATIVE, //!< within RELATIVE_TOLERANCE of the paper's value (absolute quantities)
        CONTEXT,  //!< not judged: grows with the trace's size, which differs from the paper's
    };

    /// Largest distance from the paper of a POINTS figure.
    static constexpr double POINTS_TOLERANCE = 5;
    /// Largest distance from the paper of a RELATIVE figure, as a fraction of the paper's.
    static constexpr double RELATIVE_TOLERANCE = 0.2;

    /// One cell of a paper's table and what the runs measured.
    struct Figure
    {
        std::string table;          //!< the paper's table
        std::string row;            //!< its row
        std::string metric;         //!< its column
        double paper;               //!< the paper's value (NaN: none)
        Scale scale;                //!< how the distance is judged
        std::vector<double> values; //!< one per run
    };

    /// A figure's verdict.
    struct Verdict
    {
        std::string verdict; //!< pass, fail or none
        std::string reason;  //!< the rules that failed, "; " between them (empty on pass)
    };

    /**
     * Adds a figure.
     * \param table the paper's table
     * \param row its row
     * \param metric its column
     * \param paper the paper's value (NaN: none)
     * \param scale how the distance is judged
     * \param values one per run
     */
    void Add(const std::string& table,
             const std::string& row,
             const std::string& metric,
             double paper,
             Scale scale,
             const std::vector<double>& values);

    /// \return the figures, in the order added
    const std::vector<Figure>& GetFigures() const;

    /**
     * \param i a figure's index
     * \return its verdict
     */
    Verdict Judge(size_t i) const;

    /// \return the CSV header, the required columns then reason
    static std::string Header();

    /**
     * Writes every figure with its statistics and verdict.
     * \param path the file
     * \throw std::runtime_error naming the file when it cannot be written
     */
    void WriteCsv(const std::string& path) const;

    /**
     * Writes every run's value: table,row,metric,run,rng_run,value.
     * \param path the file
     * \param baseRun RngRun of run 0
     * \throw std::runtime_error naming the file when it cannot be written
     */
    void WriteRunsCsv(const std::string& path, uint64_t baseRun) const;

    /**
     * Prints one line per figure that has a paper value (mean, interval, paper, verdict and
     * reason), then the counts of pass and fail.
     * \param os the stream
     */
    void Print(std::ostream& os) const;

    /**
     * What an example prints and writes at the end: a heading naming the runs, Print(), then
     * PREFIX-vs-paper.csv (WriteCsv()) and PREFIX-runs.csv (WriteRunsCsv()).
     * \param os the stream
     * \param program the program's name, for the error message
     * \param prefix path prefix of the two files
     * \param runs runs of each figure
     * \param baseRun RngRun of run 0
     * \return false (after one line on stderr naming the file) when a file cannot be written
     */
    bool Report(std::ostream& os,
                const std::string& program,
                const std::string& prefix,
                uint32_t runs,
                uint64_t baseRun) const;

    /**
     * \param values one per run
     * \param precision decimals
     * \return the mean, and with two runs or more " ± " and the interval's half-width
     */
    static std::string Format(const std::vector<double>& values, int precision = 1);

  private:
    std::vector<Figure> m_figures; //!< in the order added
};

} // namespace ns3

#endif // WEB_PROXY_PAPER_COMPARISON_H
