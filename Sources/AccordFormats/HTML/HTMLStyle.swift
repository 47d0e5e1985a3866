/// The HTML report's stylesheet: one column that reads on a 390-pixel phone (the table becomes
/// cards, charts are HTML that wraps), a wider page on a desktop, and a print layout.
enum HTMLStyle {
    static let css = """
        :root{--ink:#1b2230;--muted:#586273;--line:#d9dee6;--bg:#fff;--paper:#f6f4ef;--bad:#b3261e}
        .s-unassessed{--c:#7d838c}.s-not-started{--c:#6b4fa0}.s-in-progress{--c:#2f63a8}.s-stalled{--c:#9a6700}
        .s-fulfilled{--c:#2f7d4f}.s-partial{--c:#5f8f3a}.s-broken{--c:#b3261e}.s-withdrawn{--c:#7a4a2a}.s-unverifiable{--c:#3f4650}
        [class^="s-"],[class*=" s-"]{color:var(--c);fill:var(--c)}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:62rem;padding:1.5rem 1.25rem 3rem;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:var(--bg);overflow-wrap:break-word}
        h1,h2,h3{font-family:Georgia,"DejaVu Serif","Times New Roman",serif;line-height:1.2}
        h1{font-size:2rem;margin:.2rem 0 .6rem}h2{font-size:1.35rem;border-top:2px solid var(--ink);padding-top:.5rem;margin:2.2rem 0 .8rem}
        h3{font-size:1.08rem;margin:.2rem 0 .3rem}
        .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.78rem;color:var(--muted);margin:0}
        .lede{font-size:1.12rem;max-width:44rem}.note{color:var(--muted);font-size:.88rem}
        figure{margin:0}figcaption{color:var(--muted);font-size:.88rem;margin-top:.4rem}
        .bar{display:flex;height:1.9rem;border:1px solid var(--line);background:var(--paper);overflow:hidden;border-radius:3px}
        .bar span{display:block;height:100%;background:var(--c)}.bar.small{height:.9rem;min-width:4rem}
        .bar .is-overdue{background:repeating-linear-gradient(45deg,var(--bad) 0 3px,#e9a7a1 3px 6px)}
        .legend{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;color:var(--ink)}
        .badge{display:inline-block;border:1px solid currentColor;border-radius:.8rem;padding:0 .45rem;font-size:.82rem;line-height:1.45;white-space:nowrap;background:#fff}
        table{border-collapse:collapse;width:100%;font-size:.92rem}
        th,td{text-align:left;padding:.4rem .45rem;border-bottom:1px solid var(--line);vertical-align:top}
        thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--ink)}
        .scorecard td{font-variant-numeric:tabular-nums}.scorecard .bar-cell{width:30%}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        .due,.schedule{white-space:nowrap}.schedule{color:var(--muted);font-size:.85rem}
        .overdue-label{color:var(--bad);white-space:nowrap}
        tr.is-overdue td:first-child{box-shadow:inset 3px 0 var(--bad)}
        .trend svg{display:block;width:100%;max-width:34rem;height:auto}.axis{stroke:var(--muted);stroke-width:1}.tick{font-size:11px;fill:var(--muted)}
        .scroll{overflow-x:auto}
        .deadlines ol{list-style:none;padding:0;margin:.3rem 0}.deadlines li{padding:.35rem 0;border-bottom:1px solid var(--line)}
        .deadlines p{margin:0 0 .3rem}.deadlines .when{color:var(--muted);font-size:.9rem}
        .deadlines .axis{display:flex;justify-content:space-between;color:var(--muted);font-size:.8rem;margin:0 0 .2rem}
        .track{position:relative;height:.8rem;margin:0 .5rem}
        .track .span{position:absolute;top:.35rem;height:.12rem;background:var(--line)}
        .track .mark{position:absolute;top:-.3rem;transform:translateX(-50%);font-size:.85rem;line-height:1.2}
        .is-overdue .mark{color:var(--bad)}.is-settled .mark{color:#2f7d4f}.is-open .mark{color:#2f63a8}
        .track .today{position:absolute;top:-.2rem;bottom:-.2rem;border-left:2px dashed var(--ink)}
        .statuses{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.35rem 1rem;margin:0}
        .statuses div{display:flex;gap:.5rem;align-items:baseline}.statuses dt{flex:none}.statuses dd{margin:0;font-size:.9rem}
        article{border-top:1px solid var(--line);padding:.8rem 0}.meta{color:var(--muted);margin:.2rem 0;font-size:.9rem}
        blockquote{margin:.6rem 0;padding:.2rem .9rem;border-left:4px solid var(--line);font-family:Georgia,"DejaVu Serif",serif;font-style:italic}
        .history{padding-left:1.2rem;font-size:.92rem}.history li{margin:.25rem 0}.source{color:var(--muted);overflow-wrap:anywhere}
        a{color:#1f4f8f}details.all>summary{cursor:pointer;font-weight:600;margin:.5rem 0}
        footer{color:var(--muted);font-size:.85rem;margin-top:2.5rem;border-top:1px solid var(--line)}
        @media (max-width:40rem){
        body{padding:1rem .9rem 2rem;font-size:15px}h1{font-size:1.55rem}
        table.commitments,table.commitments tbody,table.commitments tr,table.commitments td{display:block;width:100%}
        table.commitments thead{display:none}
        table.commitments tr{border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem;margin:0 0 .7rem}
        table.commitments td{border:0;padding:.12rem 0}
        table.commitments td:first-child{font-weight:700}table.commitments td:first-child::before{content:"#"}
        table.commitments td:nth-child(2){font-size:1.02rem;font-weight:600}
        table.commitments td:nth-child(n+5)::before{content:attr(data-label) ": ";color:var(--muted)}
        .scorecard th,.scorecard td{padding:.35rem .25rem}.scorecard .bar-cell{display:none}
        }
        @media print{
        body{max-width:none;padding:0;font:10.5pt/1.4 Georgia,"DejaVu Serif",serif}
        a{color:inherit;text-decoration:none}h2{break-after:avoid}article,tr,li,figure{break-inside:avoid}
        .bar span,.badge,.track *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        details>summary{display:none}details::details-content{content-visibility:visible;display:contents}
        .scroll{overflow:visible}
        }
        """
}
