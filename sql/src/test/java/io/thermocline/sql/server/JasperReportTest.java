package io.thermocline.sql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.design.JRDesignBand;
import net.sf.jasperreports.engine.design.JRDesignExpression;
import net.sf.jasperreports.engine.design.JRDesignField;
import net.sf.jasperreports.engine.design.JRDesignParameter;
import net.sf.jasperreports.engine.design.JRDesignQuery;
import net.sf.jasperreports.engine.design.JRDesignSection;
import net.sf.jasperreports.engine.design.JRDesignStaticText;
import net.sf.jasperreports.engine.design.JRDesignTextField;
import net.sf.jasperreports.engine.design.JasperDesign;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real reporting client on the remote URL: JasperReports fills a report whose query takes a DATE
 * report parameter (bound as a date, as Jasper binds it), exports it to PDF, and PDFBox reads the
 * rows back out of the PDF.
 */
class JasperReportTest {
  @TempDir Path dir;

  @Test
  void fillsAReportWithADateParameterAndExportsAPdf() throws Exception {
    // Jasper's default compiler is Eclipse JDT; the JDK's own compiler does the same here.
    DefaultJasperReportsContext.getInstance()
        .setProperty(
            "net.sf.jasperreports.compiler.java",
            "net.sf.jasperreports.engine.design.JRJdk13Compiler");
    try (TestServer server = new TestServer(dir);
        Connection admin = server.connect("admin");
        Connection reporter = server.connect("reporter")) {
      try (Statement s = admin.createStatement()) {
        s.execute(
            "CREATE HYBRID TABLE sales (id BIGINT PRIMARY KEY, region VARCHAR(16), amount"
                + " DECIMAL(12,2), sold DATE)");
        s.executeUpdate(
            "INSERT INTO sales (id, region, amount, sold) VALUES"
                + " (1, 'Northwind', 10.50, DATE '2024-01-02'),"
                + " (2, 'Southgate', 20.00, DATE '2024-02-03'),"
                + " (3, 'Eastbrook', 7.25, DATE '2024-03-04'),"
                + " (4, 'Westfield', 99.99, DATE '2023-12-31')");
      }
      JasperReport report = JasperCompileManager.compileReport(design());
      Map<String, Object> params = new HashMap<>();
      params.put("FROM_DATE", Date.valueOf(LocalDate.of(2024, 1, 1)));
      JasperPrint print = JasperFillManager.fillReport(report, params, reporter);
      byte[] pdf = JasperExportManager.exportReportToPdf(print);

      assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("%PDF-");
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        assertThat(doc.getNumberOfPages()).isEqualTo(1);
        String text = new PDFTextStripper().getText(doc);
        assertThat(text)
            .contains("Sales since 2024-01-01")
            .contains("Northwind", "10.50", "2024-01-02")
            .contains("Southgate", "20.00", "2024-02-03")
            .contains("Eastbrook", "7.25", "2024-03-04")
            .doesNotContain("Westfield");
        assertThat(text.indexOf("Northwind")).isLessThan(text.indexOf("Southgate"));
      }
    }
  }

  private static JasperDesign design() throws Exception {
    JasperDesign d = new JasperDesign();
    d.setName("sales");
    d.setPageWidth(595);
    d.setPageHeight(842);
    d.setColumnWidth(515);
    d.setLeftMargin(40);
    d.setRightMargin(40);
    d.setTopMargin(30);
    d.setBottomMargin(30);

    JRDesignParameter from = new JRDesignParameter();
    from.setName("FROM_DATE");
    from.setValueClass(java.sql.Date.class);
    d.addParameter(from);

    JRDesignQuery query = new JRDesignQuery();
    query.setText(
        "SELECT region, amount, sold FROM sales WHERE sold >= $P{FROM_DATE} ORDER BY sold");
    d.setQuery(query);
    d.addField(field("REGION", String.class));
    d.addField(field("AMOUNT", java.math.BigDecimal.class));
    d.addField(field("SOLD", java.sql.Date.class));

    JRDesignBand title = new JRDesignBand();
    title.setHeight(30);
    JRDesignTextField heading = text("\"Sales since \" + $P{FROM_DATE}.toString()", 0, 300);
    title.addElement(heading);
    d.setTitle(title);

    JRDesignBand header = new JRDesignBand();
    header.setHeight(20);
    header.addElement(label("Region", 0));
    header.addElement(label("Amount", 200));
    header.addElement(label("Sold", 350));
    d.setColumnHeader(header);

    JRDesignBand detail = new JRDesignBand();
    detail.setHeight(20);
    detail.addElement(text("$F{REGION}", 0, 180));
    detail.addElement(text("$F{AMOUNT}.toPlainString()", 200, 130));
    detail.addElement(text("$F{SOLD}.toString()", 350, 150));
    ((JRDesignSection) d.getDetailSection()).addBand(detail);
    return d;
  }

  private static JRDesignField field(String name, Class<?> type) {
    JRDesignField f = new JRDesignField();
    f.setName(name);
    f.setValueClass(type);
    return f;
  }

  private static JRDesignTextField text(String expression, int x, int width) {
    JRDesignTextField t = new JRDesignTextField();
    t.setX(x);
    t.setY(0);
    t.setWidth(width);
    t.setHeight(20);
    t.setExpression(new JRDesignExpression(expression));
    return t;
  }

  private static JRDesignStaticText label(String text, int x) {
    JRDesignStaticText t = new JRDesignStaticText();
    t.setX(x);
    t.setY(0);
    t.setWidth(140);
    t.setHeight(20);
    t.setText(text);
    return t;
  }
}
