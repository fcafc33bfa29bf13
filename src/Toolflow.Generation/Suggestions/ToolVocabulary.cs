namespace Toolflow.Generation.Suggestions;

/// <summary>
/// The words people use for each tool's job, and synonyms that map a requirement's words onto them.
/// This is the "with synonyms" part of suggestion; descriptions alone say "SMTP", people say "mail".
/// </summary>
internal static class ToolVocabulary
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["data.set"] = "set fields values object map pick keep rename shape transform variable assign constant",
        ["data.template"] = "template text render format message compose string interpolate letter greeting",
        ["code.javascript"] = "javascript js code script function compute calculate transform parse custom logic program sort filter",
        ["flow.condition"] = "condition if branch check compare when true false test threshold exceed decide",
        ["flow.switch"] = "switch route case branch dispatch category depend select path",
        ["flow.merge"] = "merge join combine parallel branch gather collect wait all",
        ["flow.fail"] = "fail error abort stop raise throw reject",
        ["flow.delay"] = "delay wait sleep pause later timer hold duration until",
        ["flow.approval"] = "approval approve human review sign off manual confirm accept reject manager signal",
        ["flow.subworkflow"] = "subworkflow sub workflow child call run reuse nested another",
        ["http.request"] = "http request api rest url fetch get post put call webhook download upload endpoint web json service ping slack",
        ["llm.chat"] = "llm ai gpt model chat prompt summarise translate classify extract sentiment generate write answer openai ollama language",
        ["email.send"] = "email mail send smtp message notify recipient inbox newsletter alert",
        ["db.query"] = "database db sql query select insert update delete table row postgres sqlite store save record",
    };

    private static readonly Dictionary<string, string[]> SynonymMap = new(StringComparer.Ordinal)
    {
        ["mail"] = ["email"],
        ["e-mail"] = ["email"],
        ["emails"] = ["email"],
        ["inbox"] = ["email"],
        ["notify"] = ["email", "send"],
        ["notification"] = ["email", "notify"],
        ["download"] = ["fetch", "http"],
        ["scrape"] = ["fetch", "http"],
        ["retrieve"] = ["fetch", "get"],
        ["pull"] = ["fetch", "get"],
        ["endpoint"] = ["http", "api"],
        ["url"] = ["http"],
        ["website"] = ["http", "url"],
        ["web"] = ["http"],
        ["summary"] = ["summarise", "llm"],
        ["summarise"] = ["llm"],
        ["summarize"] = ["summarise", "llm"],
        ["translat"] = ["translate", "llm"],
        ["translate"] = ["llm"],
        ["categoris"] = ["classify", "llm"],
        ["categorise"] = ["classify", "llm"],
        ["classify"] = ["llm"],
        ["classif"] = ["classify", "llm"],
        ["extract"] = ["llm"],
        ["gpt"] = ["llm", "ai"],
        ["chatgpt"] = ["llm", "ai"],
        ["intelligence"] = ["ai"],
        ["sentiment"] = ["llm"],
        ["store"] = ["database", "save"],
        ["persist"] = ["database", "save"],
        ["save"] = ["database"],
        ["sql"] = ["database", "query"],
        ["postgresql"] = ["postgres", "database"],
        ["table"] = ["database"],
        ["record"] = ["database"],
        ["wait"] = ["delay"],
        ["sleep"] = ["delay"],
        ["pause"] = ["delay", "wait"],
        ["later"] = ["delay"],
        ["approve"] = ["approval"],
        ["sign-off"] = ["approval"],
        ["signoff"] = ["approval"],
        ["review"] = ["approval", "human"],
        ["confirm"] = ["approval"],
        ["if"] = ["condition"],
        ["otherwise"] = ["condition"],
        ["when"] = ["condition"],
        ["route"] = ["switch"],
        ["dispatch"] = ["switch", "route"],
        ["combine"] = ["merge"],
        ["join"] = ["merge"],
        ["parallel"] = ["merge"],
        ["abort"] = ["fail"],
        ["error"] = ["fail"],
        ["calculate"] = ["compute", "code"],
        ["compute"] = ["code"],
        ["script"] = ["code", "javascript"],
        ["js"] = ["javascript"],
        ["format"] = ["template"],
        ["render"] = ["template"],
        ["message"] = ["template", "email"],
        ["field"] = ["set"],
        ["fields"] = ["set"],
        ["rename"] = ["set"],
        ["child"] = ["subworkflow"],
        ["reuse"] = ["subworkflow"],
        ["webhook"] = ["http"],
        ["slack"] = ["http", "post"],
        ["post"] = ["http"],
        ["call"] = ["http", "api"],
        ["rest"] = ["http", "api"],
    };

    public static string For(string tool) => Words.GetValueOrDefault(tool, string.Empty);

    public static IEnumerable<string> Synonyms(string word) =>
        SynonymMap.TryGetValue(word, out var direct) ? direct.Select(ToolSuggester.Stem)
        : SynonymMap.FirstOrDefault(kv => ToolSuggester.Stem(kv.Key) == word).Value?.Select(ToolSuggester.Stem) ?? [];
}
