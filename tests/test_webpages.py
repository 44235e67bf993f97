import pandas as pd

from analysis.dates import TIMEZONE
from analysis.webpages import parse_html

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Thủ tướng chỉ đạo cải cách thủ tục hành chính - Báo Chính phủ</title>
<meta property="og:title" content="Thủ tướng chỉ đạo cải cách thủ tục hành chính">
<meta name="author" content="Minh Anh">
<meta property="article:published_time" content="2023-05-04T09:30:00+07:00">
<link rel="canonical" href="https://baochinhphu.vn/thu-tuong-chi-dao-102230504.htm">
<script>window.tracker = "should never appear";</script></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/thoi-su">Thời sự</a></nav>
<article><h1>Thủ tướng chỉ đạo cải cách thủ tục hành chính</h1>
<p>(Chinhphu.vn) - Thủ tướng yêu cầu các bộ, ngành đẩy mạnh cải cách thủ tục hành chính,
cung cấp dịch vụ công trực tuyến toàn trình cho người dân và doanh nghiệp.</p>
<p>Tại cuộc họp, Thủ tướng giao Văn phòng Chính phủ theo dõi việc thực hiện Nghị định
61/2018/NĐ-CP về cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính.</p>
<p>Một đại biểu gõ thử &lt;script&gt;alert(1)&lt;/script&gt; vào cổng dịch vụ công để kiểm tra
khả năng bảo mật của hệ thống thông tin giải quyết thủ tục hành chính.</p>
</article><footer>© Báo Điện tử Chính phủ</footer></body></html>"""


def test_html_page_text_and_metadata():
    fields = parse_html(PAGE)
    assert fields["title"] == "Thủ tướng chỉ đạo cải cách thủ tục hành chính"
    assert fields["lead"].startswith("Thủ tướng yêu cầu các bộ, ngành đẩy mạnh")
    assert fields["source"] == "Chinhphu.vn"
    assert fields["author"] == "Minh Anh"
    assert fields["url"] == "https://baochinhphu.vn/thu-tuong-chi-dao-102230504.htm"
    assert fields["published"] == pd.Timestamp("2023-05-04 09:30", tz=TIMEZONE)
    body = fields["body"]
    assert body.startswith("Tại cuộc họp, Thủ tướng giao Văn phòng Chính phủ")
    assert "<script>alert(1)</script>" in body  # escaped markup in the page is literal text
    assert "should never appear" not in body and "Trang chủ" not in body


def test_page_without_article_text():
    fields = parse_html("<html><head><title>x</title></head><body></body></html>")
    assert fields["body"] is None
