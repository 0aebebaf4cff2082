"""What the demo's workshops are made of beside their agenda: topics, papers, posters and
links. All invented for the demo (titles, authors, addresses); no real person is named as an
author."""

TOPICS = {
    # conference slug: [(slug, name, colour)], in order
    "mlsys-2023": [
        ("benchmarks", "Benchmarks and measurement", "#1f6f8b"),
        ("efficiency", "Efficient ML", "#7a4f9e"),
        ("federated", "Federated and decentralized learning", "#2e7d32"),
        ("systems", "Systems and hardware", "#b35c00"),
        ("edge", "Edge and wireless", "#8a1c4a"),
    ],
    "mlsys-2022": [("federated", "Federated and decentralized learning", "#2e7d32")],
}

WORKSHOP_TOPICS = {
    ("mlsys-2023", "benchmarking-ml-workloads"): ["benchmarks", "systems"],
    ("mlsys-2023", "pacmi"): ["systems"],
    ("mlsys-2023", "algorithmic-efficiency"): ["efficiency"],
    ("mlsys-2023", "decentralized-collaborative-learning"): ["federated"],
    ("mlsys-2023", "federated-learning-systems"): ["federated", "systems"],
    ("mlsys-2023", "on-device-intelligence"): ["edge", "efficiency"],
    ("mlsys-2023", "ml-resource-constrained-wireless"): ["edge"],
    ("mlsys-2023", "next-generation-ai-systems"): ["systems"],
    ("mlsys-2022", "cross-community-federated-learning"): ["federated"],
}

PAPERS = {
    # (conference, workshop): papers; "session" is the start of the agenda item (venue time)
    ("mlsys-2023", "benchmarking-ml-workloads"): [
        {
            "title": "Roofline Drift: How Compiler Updates Move Training Throughput",
            "authors": [
                ("Priya Raman", "Lakeshore Institute of Technology"),
                ("Jonas Feld", "Lakeshore Institute of Technology"),
            ],
            "abstract": "We re-run one training benchmark across twelve compiler releases and "
            "find throughput moving by up to a fifth with no change to the model.",
            "mark": "oral",
            "session": "8:55",
            "board": "",
            "links": {
                "pdf_url": "https://example.org/demo/papers/roofline-drift.pdf",
                "page_url": "https://example.org/demo/forum/roofline-drift",
                "code_url": "https://example.org/demo/code/roofline-drift",
            },
        },
        {
            "title": "Projecting Inference Latency onto Accelerators Still on Paper",
            "authors": [
                ("Mei Okafor", "Harbour Systems Lab"),
                ("Rafael Quint", "Harbour Systems Lab"),
            ],
            "abstract": "A simulator calibrated on three shipping accelerators predicts the "
            "latency of transformer inference on two announced designs.",
            "mark": "spotlight",
            "session": "8:55",
            "board": "",
            "links": {
                "pdf_url": "https://example.org/demo/papers/projecting-latency.pdf",
                "video_url": "https://example.org/demo/video/projecting-latency",
            },
        },
        {
            "title": "Scientific Workloads Are Not ImageNet: A Benchmark Suite from the Lab",
            "authors": [("Tomasz Wielgosz", "Northfield National Laboratory")],
            "abstract": "Eight workloads from climate, materials and imaging codes, packaged "
            "with the data sizes their users run.",
            "mark": "",
            "session": "8:55",
            "board": "",
            "links": {"page_url": "https://example.org/demo/forum/lab-suite"},
        },
        {
            "title": "Energy per Token on Shared Clusters",
            "authors": [
                ("Ines Carvalho", "Lakeshore Institute of Technology"),
                ("Priya Raman", "Lakeshore Institute of Technology"),
            ],
            "abstract": "Power meters on a shared cluster show how co-located jobs change the "
            "energy a language model spends per generated token.",
            "mark": "",
            "session": "15:00",
            "board": "P3",
            "links": {"pdf_url": "https://example.org/demo/papers/energy-per-token.pdf"},
        },
        {
            "title": "A Small Harness for Repeatable Microbenchmarks of Attention Kernels",
            "authors": [("Daniel Osei", "Harbour Systems Lab")],
            "abstract": "Pinning clocks, warming caches and reporting spread: a harness that "
            "makes kernel timings comparable across machines.",
            "mark": "award",
            "session": "15:00",
            "board": "P7",
            "links": {"code_url": "https://example.org/demo/code/attention-harness"},
        },
    ],  # fmt: skip
}

LINKS = {
    # (conference, workshop): [(agenda item's start or None for the workshop, kind, address)]
    ("mlsys-2023", "benchmarking-ml-workloads"): [
        (None, "stream", "https://example.org/demo/live/room-241"),
        (None, "chat", "https://example.org/demo/chat/benchmarking"),
        ("8:10", "recording", "https://example.org/demo/recordings/benchmarking-keynote"),
        ("8:10", "slides", "https://example.org/demo/slides/benchmarking-keynote.pdf"),
    ],
}
