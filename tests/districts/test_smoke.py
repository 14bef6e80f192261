def test_dashboard_lists_six_tools_for_member(cast):
    response = cast.client("member").get("/d/riverbend/2026-27/")
    assert response.status_code == 200
    titles = [tool.title for tool, _progress, _url, _panel in response.context["tools"]]
    assert [str(t) for t in titles] == [
        "Shared vision",
        "Long-term SMARTIE goals",
        "Program and initiative inventory",
        "Implementation rubric",
        "Long-term roadmap",
        "Annual goals and action plan",
    ]
