"""HTTP: /metrics in Prometheus' text format, parsed as Prometheus parses it."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.support.factories import registration_body

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scraped(api: Api) -> Samples:
    response = api.client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


def test_requests_are_counted_by_route_template_method_and_status(api: Api) -> None:
    worker_id = api.register().json()["id"]
    assert api.get(f"/workers/{worker_id}").status_code == 200
    assert api.post("/workers", {"name": ""}).status_code == 422
    samples = scraped(api)
    workers, one = "/api/v1/workers", "/api/v1/workers/{worker_id}"
    total = "laborbridge_http_requests_total"
    assert value(samples, total, route=workers, method="POST", status="201") == 1
    assert value(samples, total, route=workers, method="POST", status="422") == 1
    assert value(samples, total, route=one, method="GET", status="200") == 1
    latency = "laborbridge_http_request_duration_seconds_count"
    assert value(samples, latency, route=workers, method="POST") == 2
    bucket = "laborbridge_http_request_duration_seconds_bucket"
    assert value(samples, bucket, route=workers, method="POST", le="+Inf") == 2
    assert (value(samples, "laborbridge_events_appended_total") or 0) >= 1
    assert value(samples, "laborbridge_database_up") == 1


def test_a_path_no_route_knows_is_counted_without_the_path(api: Api) -> None:
    # A confused client puts an ID number in the path: it must not become a label.
    sent = "/api/v1/persons/500237199001011234"
    assert api.client.get(sent, headers=api.headers()).status_code == 404
    text = api.client.get("/metrics").text
    assert "500237199001011234" not in text
    assert 'route="unmatched"' in text


def test_each_reader_shows_its_lag_until_it_catches_up(api: Api) -> None:
    api.register()
    behind = scraped(api)
    head = value(behind, "laborbridge_event_log_position")
    assert head is not None and head >= 1
    lags = {
        dict(labels)["read_model"]: v
        for (name, labels), v in behind.items()
        if name == "laborbridge_read_model_lag_events"
    }
    assert len(lags) >= 4 and all(lag >= 1 for lag in lags.values()), lags
    assert value(behind, "laborbridge_process_lag_events", process="subsidy_policy") is not None

    api.project()
    caught_up = scraped(api)
    for name in lags:
        assert value(caught_up, "laborbridge_read_model_lag_events", read_model=name) == 0
        assert value(caught_up, "laborbridge_read_model_stopped", read_model=name) == 0
    assert value(caught_up, "laborbridge_process_lag_events", process="subsidy_policy") == 0


def test_an_idempotent_replay_is_counted(api: Api) -> None:
    body, key = registration_body(), {"Idempotency-Key": "metrics-replay-1"}
    first = api.post("/workers", body, Role.CASEWORKER, **key)
    again = api.post("/workers", body, Role.CASEWORKER, **key)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert value(scraped(api), "laborbridge_idempotency_replays_total") == 1


def test_pools_are_shown_where_there_are_pools(api: Api) -> None:
    samples = scraped(api)
    pools = {dict(labels)["pool"] for (name, labels) in samples if "db_pool" in name}
    if api.settings.database.is_postgres:
        assert pools == {"requests", "event_store"}
        for pool in pools:
            maximum = value(samples, "laborbridge_db_pool_max_connections", pool=pool)
            assert maximum is not None and maximum >= 1
            assert value(samples, "laborbridge_db_pool_waiting", pool=pool) == 0
            in_use = value(samples, "laborbridge_db_pool_connections", pool=pool, state="in_use")
            assert in_use is not None and in_use >= 0
    else:
        assert pools == set()  # SQLite: no pool
