"""otesite.lib.plain_text: a page's HTML read back as the text a reader sees, for e-mails."""

from otesite.lib.plain_text import html_to_text


def test_headings_are_underlined_and_paragraphs_kept_apart():
    text = html_to_text("<h1>Your statement</h1><p>Hello Ana,</p><p>March is approved.</p><h2>Plan</h2><p>x</p>")

    assert text == "Your statement\n==============\n\nHello Ana,\n\nMarch is approved.\n\nPlan\n----\n\nx\n"


def test_a_table_row_is_its_cells_on_one_line():
    html = """<table><thead><tr><th>Figure</th><th class="num">Value</th></tr></thead>
      <tbody><tr><th scope="row">Quota</th><td>4.5 deals</td></tr>
      <tr><th>Units</th>
          <td>7   deals</td></tr></tbody></table>"""

    assert html_to_text(html) == "Figure | Value\nQuota | 4.5 deals\nUnits | 7 deals\n"


def test_a_definition_reads_term_colon_value():
    html = '<dl class="facts"><div><dt>Role</dt><dd>Closers</dd></div><div><dt>Cap</dt><dd>200.0%</dd></div></dl>'

    assert html_to_text(html) == "Role: Closers\nCap: 200.0%\n"


def test_lists_links_and_hidden_marks():
    html = """<ul><li>one</li><li>two <a href="https://x.example/s/1/">your statement</a></li></ul>
      <p><span aria-hidden="true">✓</span> Approved <a href="/relative/">here</a></p>
      <p><a href="https://x.example/">https://x.example/</a></p>"""

    assert html_to_text(html) == (
        "- one\n- two your statement (https://x.example/s/1/)\n\nApproved here\n\nhttps://x.example/\n"
    )


def test_styles_scripts_and_the_head_are_left_out_and_entities_read():
    html = "<html><head><title>T</title><style>p{}</style></head><body><script>x()</script><p>A &amp; B &gt; C</p></body></html>"

    assert html_to_text(html) == "A & B > C\n"


def test_nothing_is_an_empty_line():
    assert html_to_text("") == "\n"
    assert html_to_text("<div> </div>") == "\n"
