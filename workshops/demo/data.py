"""The demo program: MLSys 2023 and 2022 workshops, as public pages list them.

Rooms, organizers (in order) and the benchmarking workshop's agenda follow the public listing.
Titles that the listing did not carry, all abstracts, the slot times other than the
benchmarking workshop's and the 9:50 start in Room 240, and the e-mail addresses are demo data.
"""

DEMO_NOTE = (
    "Demo data modelled on the MLSys {year} workshops: organizers and rooms follow the public "
    "listing; titles the listing did not carry and all abstracts are written for this demo."
)

ORGANIZERS = {
    # slug: (name, affiliation)
    "tom-st-john": ("Tom St John", ""),
    "murali-emani": ("Murali Emani", "Argonne National Laboratory"),
    "wenqian-dong": ("Wenqian Dong", ""),
    "deniz-altinbuken": ("Deniz Altınbüken", "Google"),
    "lyric-doshi": ("Lyric Doshi", ""),
    "milad-hashemi": ("Milad Hashemi", "Google"),
    "martin-maas": ("Martin Maas", "Google"),
    "zhaozhuo-xu": ("Zhaozhuo Xu", ""),
    "aditya-desai": ("Aditya Desai", "Rice University"),
    "anshumali-shrivastava": ("Anshumali Shrivastava", "Rice University"),
    "binhang-yuan": ("Binhang Yuan", ""),
    "beidi-chen": ("Beidi Chen", "Carnegie Mellon University"),
    "virginia-smith": ("Virginia Smith", "Carnegie Mellon University"),
    "ce-zhang": ("Ce Zhang", "ETH Zurich"),
    "christopher-re": ("Christopher Re", "Stanford University"),
    "dimitris-stripelis": ("Dimitris Stripelis", ""),
    "chaoyang-he": ("Chaoyang He", ""),
    "hongyi-wang": ("Hongyi Wang", ""),
    "tian-li": ("Tian Li", ""),
    "praneeth-vepakomma": ("Praneeth Vepakomma", ""),
    "bo-li": ("Bo Li", ""),
    "eric-xing": ("Eric Xing", "Carnegie Mellon University"),
    "vijay-janapa-reddi": ("Vijay Janapa Reddi", "Harvard University"),
    "paul-whatmough": ("Paul Whatmough", ""),
    "vikas-chandra": ("Vikas Chandra", ""),
    "pete-warden": ("Pete Warden", ""),
    "brian-plancher": ("Brian Plancher", ""),
    "colby-banbury": ("Colby Banbury", "Harvard University"),
    "matthew-stewart": ("Matthew Stewart", ""),
    "navid-naderializadeh": ("Navid NaderiAlizadeh", ""),
    "m-hadi-amini": ("M. Hadi Amini", ""),
    "ahmed-alkhateeb": ("Ahmed Alkhateeb", ""),
    "ravikumar-balakrishnan": ("Ravikumar Balakrishnan", ""),
    "arash-behboodi": ("Arash Behboodi", ""),
    "jakob-hoydis": ("Jakob Hoydis", "NVIDIA"),
    "christoph-studer": ("Christoph Studer", "ETH Zurich"),
    "jason-yik": ("Jason Yik", "Harvard University"),
    "brian-anderson": ("Brian Anderson", ""),
    "charlotte-frenkel": ("Charlotte Frenkel", ""),
    "zergham-ahmed": ("Zergham Ahmed", ""),
    "tianyi-chen": ("Tianyi Chen", ""),
    "pin-yu-chen": ("Pin-Yu Chen", "IBM Research"),
    "nathalie-baracaldo-angel": ("Nathalie Baracaldo Angel", "IBM Research"),
    "carlee-joe-wong": ("Carlee Joe-Wong", "Carnegie Mellon University"),
}

CONFERENCES = [
    {
        "slug": "mlsys-2023",
        "name": "MLSys 2023",
        "year": 2023,
        "timezone": "America/New_York",
        "start_date": "2023-06-04",
        "end_date": "2023-06-08",
        "venue": "",
        "city": "Miami, Florida",
        "website": "https://mlsys.org/Conferences/2023",
        "rooms": [
            "Room 241",
            "Room 238",
            "Room 239",
            "Room 247",
            "Room 242",
            "Room 248",
            "Room 246",
            "Room 240",
        ],  # fmt: skip
        "plenary": [
            # (title, room or None for every room, day, start, end)
            ("Lunch", None, "2023-06-08", "12:00", "13:30"),
        ],
        "workshops": [
            {
                "slug": "benchmarking-ml-workloads",
                "title": "Benchmarking Machine Learning Workloads on Emerging Hardware",
                "acronym": "",
                "organizers": ["tom-st-john", "murali-emani", "wenqian-dong"],
                "slots": [("Room 241", "2023-06-08", "8:00", "16:40")],
                "abstract": (
                    "Machine learning workloads, software stacks and hardware now change faster "
                    "than our ways of measuring them. This workshop asks which benchmarks stand "
                    "for the work done in industry, national laboratories and the sciences, how "
                    "a workload's behaviour depends on the hardware beneath it, and how to project "
                    "performance onto machines that do not exist yet.\n\n"
                    "Invited speakers, peer-reviewed paper talks and a closing panel bring "
                    "hardware architects and ML practitioners into one room."
                ),
                "agenda": [
                    ("8:00", "8:10", "opening", "Introduction", []),
                    (
                        "8:10",
                        "8:55",
                        "invited",
                        "Invited talk",
                        ["Yingyan (Celine) Lin (Georgia Tech)"],
                    ),
                    ("8:55", "10:10", "papers", "Paper talks (three papers)", []),
                    ("10:10", "10:30", "break", "Morning break", []),
                    (
                        "10:30",
                        "12:00",
                        "invited",
                        "Invited talks",
                        ["Hyoukjun Kwon (UC Irvine)", "Vijay Janapa Reddi (Harvard)"],
                    ),
                    ("12:00", "13:30", "break", "Lunch", []),
                    (
                        "13:30",
                        "15:00",
                        "invited",
                        "Invited talks",
                        [
                            "Wes Brewer (Oak Ridge National Laboratory)",
                            "Zhihao Jia (Carnegie Mellon University)",
                        ],
                    ),
                    ("15:00", "15:30", "break", "Afternoon break", []),
                    ("15:30", "16:30", "panel", "Panel discussion", []),
                    ("16:30", "16:40", "opening", "Closing remarks", []),
                ],  # fmt: skip
            },
            {
                "slug": "pacmi",
                "title": "Practical Adoption Challenges of ML for Systems",
                "acronym": "PACMI",
                "organizers": ["deniz-altinbuken", "lyric-doshi", "milad-hashemi", "martin-maas"],
                "slots": [
                    ("Room 238", "2023-06-08", "8:00", "12:00"),
                    ("Room 238", "2023-06-08", "13:30", "17:00"),
                ],
                "abstract": (
                    "Learned components for compilers, schedulers and storage look promising in "
                    "papers yet rarely reach production. In its second edition, PACMI looks at "
                    "what stands in the way outside the model itself: reliability, feature "
                    "stability, safe roll-out, feedback loops and debugging.\n\n"
                    "Practitioners and academic researchers compare notes, so that research can "
                    "take on the problems real deployments run into."
                ),
            },
            {
                "slug": "algorithmic-efficiency",
                "title": "Algorithmic Efficiency and Scalability of Machine Learning",
                "acronym": "",
                "organizers": ["zhaozhuo-xu", "aditya-desai", "anshumali-shrivastava"],
                "slots": [("Room 239", "2023-06-08", "8:00", "17:00")],
                "abstract": (
                    "Bigger models trained on more data on ever costlier hardware is a path that "
                    "cannot go on for long. This workshop looks for step changes in efficiency "
                    "from the algorithms themselves: hashing and sketching, sparsity, compression "
                    "and smarter data structures, in training and in inference alike."
                ),
            },
            {
                "slug": "decentralized-collaborative-learning",
                "title": "Decentralized and Collaborative Learning",
                "acronym": "",
                "organizers": [
                    "binhang-yuan",
                    "beidi-chen",
                    "virginia-smith",
                    "ce-zhang",
                    "christopher-re",
                ],  # fmt: skip
                "slots": [("Room 247", "2023-06-08", "8:00", "17:00")],
                "abstract": (
                    "Large models are trained and served in a handful of data centres, which "
                    "keeps most of the research community out. Could spare GPUs and edge devices "
                    "around the world, pooled together, train and serve open models instead?\n\n"
                    "The workshop gathers work on the algorithms, systems and incentives that "
                    "decentralized training and inference need."
                ),
            },
            {
                "slug": "federated-learning-systems",
                "title": "Federated Learning Systems",
                "acronym": "",
                "organizers": [
                    "dimitris-stripelis",
                    "chaoyang-he",
                    "hongyi-wang",
                    "tian-li",
                    "praneeth-vepakomma",
                    "bo-li",
                    "eric-xing",
                ],  # fmt: skip
                "slots": [("Room 242", "2023-06-08", "8:00", "17:00")],
                "abstract": (
                    "Federated learning moves the model to the data. This workshop is about the "
                    "systems that make it work at scale: deployment and automation, data "
                    "management, privacy and security, fault tolerance, benchmarks, and the "
                    "trade-offs between them."
                ),
            },
            {
                "slug": "on-device-intelligence",
                "title": "On-Device Intelligence",
                "acronym": "",
                "organizers": [
                    "vijay-janapa-reddi",
                    "paul-whatmough",
                    "vikas-chandra",
                    "pete-warden",
                    "brian-plancher",
                    "colby-banbury",
                    "matthew-stewart",
                ],  # fmt: skip
                "slots": [("Room 248", "2023-06-08", "8:00", "17:00")],
                "abstract": (
                    "The third edition of this workshop is about machine learning that runs on "
                    "the device itself, without a round trip to the cloud: faster, more private "
                    "and more frugal with energy.\n\n"
                    "Talks and tutorials cover models and training for tight compute, memory and "
                    "power budgets, and the co-design of hardware and software they call for."
                ),
            },
            {
                "slug": "ml-resource-constrained-wireless",
                "title": "Machine Learning for and over Resource-Constrained Wireless Networks",
                "acronym": "",
                "organizers": [
                    "navid-naderializadeh",
                    "m-hadi-amini",
                    "virginia-smith",
                    "ahmed-alkhateeb",
                    "ravikumar-balakrishnan",
                    "arash-behboodi",
                    "jakob-hoydis",
                    "christoph-studer",
                ],  # fmt: skip
                "slots": [("Room 246", "2023-06-08", "8:00", "17:00")],
                "abstract": (
                    "Wireless networks offer little time, few labels and scarce compute, yet "
                    "they are asked to learn more and more. Machine learning and networking "
                    "researchers meet here to work on learning with limited data, distributed "
                    "learning over constrained links, and what this means for the networks to come."
                ),
            },
            {
                "slug": "next-generation-ai-systems",
                "title": "Next-Generation AI Methods and Systems: Analog, Neuromorphic, "
                "Photonic and Quantum",
                "acronym": "",
                "organizers": [
                    "jason-yik",
                    "brian-anderson",
                    "charlotte-frenkel",
                    "vijay-janapa-reddi",
                    "zergham-ahmed",
                ],  # fmt: skip
                "slots": [("Room 240", "2023-06-08", "9:50", "17:00")],
                "abstract": (
                    "As conventional hardware nears its physical limits, analog, event-based, "
                    "neuromorphic, photonic and quantum computing promise faster and leaner AI. "
                    "This workshop takes a sober look at how far each has come towards practical "
                    "use, and when. Note the later start: 9:50."
                ),
            },
        ],
    },
    {
        "slug": "mlsys-2022",
        "name": "MLSys 2022",
        "year": 2022,
        "timezone": "America/Los_Angeles",
        "start_date": "2022-08-29",
        "end_date": "2022-09-01",
        "venue": "",
        "city": "Santa Clara, California",
        "website": "https://mlsys.org/Conferences/2022",
        "rooms": ["Mission Ballroom MR2"],
        "plenary": [],
        "workshops": [
            {
                "slug": "cross-community-federated-learning",
                "title": "Cross-Community Federated Learning: Algorithms, Systems and Co-designs",
                "acronym": "",
                "organizers": [
                    "tianyi-chen",
                    "pin-yu-chen",
                    "nathalie-baracaldo-angel",
                    "carlee-joe-wong",
                ],  # fmt: skip
                "slots": [("Mission Ballroom MR2", "2022-09-01", "8:00", "17:00")],
                "abstract": (
                    "Federated learning sits where optimization, systems and networking meet, "
                    "and each community tends to solve its part alone. This workshop brings them "
                    "together to co-design algorithms and systems for learning across many "
                    "parties."
                ),
            },
        ],
    },
]
