namespace ShortScience.Bench.Generate;

/// <summary>Name parts for people, and the arXiv categories papers of each field are filed under.</summary>
public static class Names
{
    public static readonly string[] First =
    [
        .. ("Ada Alan Alice Amir Ana Andrea Anna Arjun Aya Bao Ben Bianca Boris Carla Carlos Chen Chiara Chloe Daniel David Dmitri " +
            "Elena Eli Emma Erik Eva Farah Felix Fatima Gao Hana Hannah Hiro Hugo Ian Ines Ivan Jakob James Jana Javier Jia Jin " +
            "Johan Jonas Jose Julia Kai Kamal Karim Kate Kenji Kim Lars Laura Lea Lei Leon Li Lin Lina Liu Lucas Luca Maria Marco " +
            "Mark Marta Mateo Mei Mia Mikhail Min Mohamed Nadia Naomi Nina Noah Nora Olga Omar Oscar Pablo Paul Pedro Priya Qiang " +
            "Rafael Rahul Rania Ravi Rosa Ruth Sam Sara Sergey Shira Sofia Sven Tariq Tom Tomas Uma Victor Vera Wei Xin Yan Yara " +
            "Yuki Yusuf Zara Zhen Zoe Amelia Bruno Cyril Diana Edgar Fiona Greta Hector Irene Jorge Kira Lukas Milan Nikhil Olivia " +
            "Petra Quentin Rosalind Stefan Tanya Ulrich Valeria Walter Ximena Yosef Zeynep").Split(' '),
    ];

    public static readonly string[] Last =
    [
        .. ("Abe Adams Ahmed Alvarez Andersen Aoki Bach Baker Bauer Becker Bengtsson Berg Bianchi Blanc Brown Bui Campbell Cao Carter " +
            "Castro Chang Chen Cheng Choi Clark Costa Cruz Dahl Das Davies Diaz Dubois Dunn Eriksson Evans Fischer Fontaine Ford " +
            "Fujita Garcia Gomez Gonzalez Gupta Hall Han Hansen Harris Hayashi He Hoffmann Hu Huang Ibrahim Ito Jackson Jansen Jensen " +
            "Jimenez Johansson Jones Kang Kato Keller Khan Kim Kobayashi Koch Kowalski Kumar Lambert Larsen Laurent Le Lee Lehmann " +
            "Li Liang Lin Lindqvist Liu Lopez Lu Ma Maier Martin Martinez Meyer Miller Mishra Moreau Morales Moreno Mueller Murphy " +
            "Nakamura Nguyen Nielsen Novak Olsen Ortiz Park Patel Perez Peters Petrov Pham Popescu Qian Ramos Rao Reddy Richter " +
            "Rivera Roberts Rossi Ruiz Saito Sanchez Santos Sato Schmidt Schneider Schulz Shah Sharma Shi Silva Singh Smith Sokolov " +
            "Song Sun Suzuki Takahashi Tanaka Taylor Thomas Tran Turner Vargas Varga Vogel Volkov Wagner Walker Wang Watanabe Weber " +
            "White Williams Wilson Wolf Wong Wu Xu Yamamoto Yang Yao Ye Yildiz Yu Zhang Zhao Zheng Zhou Zhu Zimmermann Okafor Mensah " +
            "Adeyemi Banerjee Chatterjee Deshmukh Esposito Ferrari Galli Greco Horvat Ivanova Jovanovic Kaur Lombardi Marino Nowak " +
            "Oliveira Pereira Quinn Romano Sorensen Toth Ueda Valdez Wojcik Xiao Yamada Zanetti").Split(' '),
    ];

    public static readonly Dictionary<string, string[]> Categories = new()
    {
        ["cs"] = ["cs.LG", "cs.CV", "cs.CL", "cs.AI", "cs.NE", "cs.IR", "cs.RO", "cs.CR", "cs.DS", "cs.SI"],
        ["stat"] = ["stat.ML", "stat.ME", "stat.CO", "stat.AP"],
        ["math"] = ["math.OC", "math.PR", "math.ST", "math.NA"],
        ["physics"] = ["quant-ph", "cond-mat.stat-mech", "hep-th", "astro-ph.CO", "physics.comp-ph"],
        ["q-bio"] = ["q-bio.NC", "q-bio.QM", "q-bio.GN", "q-bio.BM"],
        ["q-fin"] = ["q-fin.ST", "q-fin.CP"],
        ["eess"] = ["eess.SP", "eess.IV", "eess.AS"],
        ["econ"] = ["econ.EM", "econ.TH"],
    };

    /// <summary>Fields of the made-up venues that fill the catalogue up to the wanted count.</summary>
    public static readonly string[] ExtraFields = ["cs", "cs", "cs", "stat", "math", "physics", "q-bio", "eess", "q-fin", "econ"];

    public static readonly string[] Topics =
    [
        "Learning Systems", "Vision", "Language", "Robotics", "Optimization", "Statistics", "Neural Computation", "Genomics",
        "Signal Processing", "Data Mining", "Causality", "Privacy", "Graphs", "Reinforcement Learning", "Quantum Computing",
    ];
}
