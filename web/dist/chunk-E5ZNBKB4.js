var A=Object.create;var m=Object.defineProperty;var R=Object.getOwnPropertyDescriptor;var u=Object.getOwnPropertyNames;var E=Object.getPrototypeOf,M=Object.prototype.hasOwnProperty;var b=(e,t)=>()=>{try{return t||e((t={exports:{}}).exports,t),t.exports}catch(n){throw t=0,n}};var T=(e,t,n,r)=>{if(t&&typeof t=="object"||typeof t=="function")for(let a of u(t))!M.call(e,a)&&a!==n&&m(e,a,{get:()=>t[a],enumerable:!(r=R(t,a))||r.enumerable});return e};var f=(e,t,n)=>(n=e!=null?A(E(e)):{},T(t||!e||!e.__esModule?m(n,"default",{value:e,enumerable:!0}):n,e));var p=[{title:"Who spies on whom",query:`MATCH (a:Actor)-[r:SPIES_ON]->(b:Actor)
RETURN a, r, b`},{title:"Greg Austin's writings",query:`MATCH (p:Person {key: $author})-[r:AUTHORED]->(d:Document)
RETURN p, r, d`,params:'{"author": "greg-austin"}'},{title:"Paths from the United States to China",query:`MATCH p = (a:Actor {key: 'united-states'})-[*1..3]-(b:Actor {key: 'china'})
RETURN p
LIMIT 10`},{title:"Conflict relations and their claims",query:`MATCH (a)-[r]->(b)
WHERE r.polarity = 'conflict'
RETURN a.name AS from, type(r) AS relation, b.name AS to, r.claim AS claim
ORDER BY from`},{title:"How many actors of each kind",query:`MATCH (n:Actor)
UNWIND labels(n) AS label
WITH label, count(*) AS actors
WHERE label <> 'Actor'
RETURN label, actors
ORDER BY actors DESC`}];function y(e,t,n){let r=e.split(`
`),a=Math.min(Math.max(1,Number(t)||1),r.length)-1,s=0;for(let c=0;c<a;c++)s+=r[c].length+1;let l=r[a],i=Math.min(Math.max(1,Number(n)||1),Math.max(1,l.length))-1,o=i;for(;o<l.length&&/\w/.test(l[o]);)o++;o===i&&(o=Math.min(i+1,l.length));let h=s+Math.min(i,l.length);return{from:h,to:Math.max(h,s+o)}}export{b as a,f as b,p as c,y as d};
